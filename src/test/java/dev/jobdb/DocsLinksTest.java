package dev.jobdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation a user reads: every relative link in README.md, CHANGELOG.md and docs/*.md
 * resolves (the file exists and, for {@code #anchor}, a heading makes that anchor as GitHub does),
 * and README's exit-code table is {@link ExitCode}.
 */
class DocsLinksTest {

  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

  @Test
  void everyRelativeLinkAndAnchorResolves() throws IOException {
    List<String> dead = new ArrayList<>();
    Map<Path, Set<String>> anchorsByFile = new HashMap<>();
    for (Path page : pages()) {
      for (String target : links(page)) {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
          continue; // https:, mailto: and the like are not this test's business
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
          dead.add(page + ": " + target + " (no such file)");
        } else if (anchor != null && resolved.toString().endsWith(".md")) {
          Set<String> anchors = anchorsByFile.computeIfAbsent(resolved, DocsLinksTest::anchors);
          if (!anchors.contains(anchor)) {
            dead.add(page + ": " + target + " (no such heading in " + resolved + ")");
          }
        }
      }
    }
    assertThat(dead).as("dead relative links").isEmpty();
  }

  @Test
  void readmeShowsTheExitCodeTableOfExitCode() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    for (ExitCode code : ExitCode.values()) {
      assertThat(readme).contains("| " + code.code() + " | " + code.meaning() + " |");
    }
  }

  @Test
  void readmeStaysShortWithItsTwoCommandsNearTheTop() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("README.md"));
    assertThat(lines.size()).isLessThanOrEqualTo(300);
    List<String> top = lines.subList(0, 40);
    assertThat(top).contains("scripts/demo.sh", "mvn -B verify");
  }

  private static List<Path> pages() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md"), root.resolve("CHANGELOG.md")));
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  /** The link targets of a page, outside fenced code blocks and inline code. */
  private static List<String> links(Path page) throws IOException {
    List<String> targets = new ArrayList<>();
    boolean fenced = false;
    for (String line : Files.readAllLines(page)) {
      if (line.stripLeading().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      if (fenced) {
        continue;
      }
      Matcher m = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
      while (m.find()) {
        targets.add(m.group(1));
      }
    }
    return targets;
  }

  /** The anchors GitHub makes from a page's headings: lower case, punctuation gone, '-' for ' '. */
  private static Set<String> anchors(Path page) {
    Set<String> anchors = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean fenced = false;
    List<String> lines;
    try {
      lines = Files.readAllLines(page);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    for (String line : lines) {
      if (line.stripLeading().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      Matcher m = HEADING.matcher(line);
      if (fenced || !m.matches()) {
        continue;
      }
      String slug =
          m.group(1)
              .toLowerCase(Locale.ROOT)
              .replaceAll("[^\\p{L}\\p{N} _-]", "")
              .replace(' ', '-');
      int n = seen.merge(slug, 1, Integer::sum) - 1;
      anchors.add(n == 0 ? slug : slug + "-" + n);
    }
    return anchors;
  }
}
