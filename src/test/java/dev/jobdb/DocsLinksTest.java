package dev.jobdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in README.md, CHANGELOG.md and docs/*.md leads somewhere: its file exists
 * and, for a link into a Markdown file with {@code #anchor}, a heading of that file has that
 * anchor (GitHub's rule: lower case, punctuation dropped, spaces become hyphens). README's
 * exit-code table is {@link ExitCode}'s.
 */
class DocsLinksTest {

  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern EXTERNAL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

  @Test
  void everyRelativeLinkResolves() throws IOException {
    List<Path> pages = pages();
    assertThat(pages).extracting(p -> ROOT.relativize(p).toString().replace('\\', '/'))
        .contains("README.md", "CHANGELOG.md", "docs/README.md");
    List<String> dead = new ArrayList<>();
    for (Path page : pages) {
      for (String target : links(page)) {
        if (EXTERNAL.matcher(target).find()) {
          continue;
        }
        String problem = problem(page, target);
        if (problem != null) {
          dead.add(ROOT.relativize(page) + ": (" + target + ") " + problem);
        }
      }
    }
    assertThat(dead).as("dead relative links").isEmpty();
  }

  @Test
  void readmeShowsTheExitCodeTable() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    for (ExitCode code : ExitCode.values()) {
      assertThat(readme).as("README's exit-code table").contains(
          "| " + code.code() + " | " + code.meaning() + " |");
    }
  }

  private static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md"),
        ROOT.resolve("CHANGELOG.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    for (Path page : pages) {
      assertThat(page).as("documentation page").isRegularFile();
    }
    return pages;
  }

  private static String problem(Path page, String target) throws IOException {
    int hash = target.indexOf('#');
    String file = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
    if (!resolved.startsWith(ROOT)) {
      return "points outside the repository";
    }
    if (!Files.exists(resolved)) {
      return "no such file: " + ROOT.relativize(resolved);
    }
    if (anchor != null && resolved.toString().endsWith(".md")
        && !anchors(resolved).contains(anchor)) {
      return "no heading with anchor #" + anchor + " in " + ROOT.relativize(resolved);
    }
    return null;
  }

  /** Link targets outside fenced code blocks and inline code. */
  private static List<String> links(Path page) throws IOException {
    List<String> targets = new ArrayList<>();
    for (String line : prose(page)) {
      Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", "``"));
      while (m.find()) {
        targets.add(m.group(1));
      }
    }
    return targets;
  }

  private static Set<String> anchors(Path page) throws IOException {
    Set<String> anchors = new HashSet<>();
    for (String line : prose(page)) {
      if (line.startsWith("#")) {
        String heading = line.replaceFirst("^#+\\s*", "").trim().toLowerCase(Locale.ROOT);
        anchors.add(heading.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
      }
    }
    return anchors;
  }

  private static List<String> prose(Path page) throws IOException {
    List<String> lines = new ArrayList<>();
    boolean fenced = false;
    for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
      if (line.stripLeading().startsWith("```")) {
        fenced = !fenced;
      } else if (!fenced) {
        lines.add(line);
      }
    }
    return lines;
  }
}
