package dev.jobdb.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class ChangesetYamlTest {
  private static final List<String> FIVE =
      List.of("pending", "running", "completed", "failed", "cancelled");
  private static final List<String> NINE = List.of("pending", "running", "completed", "failed",
      "cancelled", "timeout", "retrying", "dead_letter", "zombie");

  @Test
  void theChangesetFor003sChangeHas003sStructureAndValues() throws IOException {
    String written = ChangesetYaml.file("003-status-accepts-all-job-statuses",
        "changelogs/003-status-accepts-all-job-statuses.yaml",
        StatusChange.between(FIVE, NINE, Map.of()), "JobStatus");

    Map<String, Object> ours = changeSet(written);
    // 003 names the old class, an alias kept for its recorded checksum; new changesets the new one
    Map<String, Object> jobdbs = changeSet(builtIn("003-status-accepts-all-job-statuses.yaml")
        .replace("changes.RebuildStatusCheck", "changes.ChangeStatusConstraint"));
    assertThat(ours.keySet()).containsExactlyElementsOf(jobdbs.keySet());
    assertThat(ours.get("changes")).isEqualTo(jobdbs.get("changes"));
    assertThat(ours.get("rollback")).isEqualTo(jobdbs.get("rollback"));
    assertThat(((List<?>) ours.get("preConditions")).get(2))
        .isEqualTo(((List<?>) jobdbs.get("preConditions")).get(2));
  }

  @Test
  void theTextIsStableAndLaidOutLikeJobdbsOwnFiles() {
    StatusChange change = StatusChange.between(NINE, List.of("pending", "running", "completed",
        "failed", "cancelled", "timeout", "retrying", "dead_letter", "zombie", "paused"), Map.of());

    String text = ChangesetYaml.file("004-status-accepts-paused",
        "changelogs/004-status-accepts-paused.yaml", change, "JobStatus");

    assertThat(text).isEqualTo(ChangesetYaml.file("004-status-accepts-paused",
        "changelogs/004-status-accepts-paused.yaml", change, "JobStatus"));
    assertThat(text).contains("""
        databaseChangeLog:
          - logicalFilePath: changelogs/004-status-accepts-paused.yaml
          - changeSet:
              id: 004-status-accepts-paused
              author: jobdb
        """).contains("""
              changes:
                - customChange:
                    class: dev.jobdb.migrate.changes.ChangeStatusConstraint
                    tableName: job_queue
                    columnName: status
                    constraintName: job_queue_status_check
        """);
  }

  @Test
  void namesSayWhatChanges() {
    assertThat(StatusChange.between(NINE, FIVE, Map.of()).slug())
        .isEqualTo("drops-timeout-retrying-dead-letter-and-1-more");
    List<String> renamed = NINE.stream().map(v -> v.equals("dead_letter") ? "dlq" : v).toList();
    assertThat(StatusChange.between(NINE, renamed, Map.of("dead_letter", "dlq")).slug())
        .isEqualTo("renames-dead-letter-to-dlq");
    assertThat(StatusChange.between(NINE, renamed, Map.of()).slug())
        .isEqualTo("accepts-dlq-drops-dead-letter");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> changeSet(String yaml) {
    Map<String, Object> root = new Yaml().load(yaml);
    for (Object entry : (List<Object>) root.get("databaseChangeLog")) {
      Map<String, Object> map = (Map<String, Object>) entry;
      if (map.containsKey("changeSet")) {
        return (Map<String, Object>) map.get("changeSet");
      }
    }
    throw new AssertionError("no changeSet in " + yaml);
  }

  private static String builtIn(String name) throws IOException {
    try (InputStream in = ChangesetYamlTest.class.getResourceAsStream("/changelogs/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
