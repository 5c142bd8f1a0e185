package dev.jobdb.changelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jobdb.JobdbException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangelogFolderWritingTest {
  @TempDir Path dir;

  @Test
  void appendsTheIncludeInTheFoldersOwnIndentationKeepingItsComments() throws Exception {
    Files.writeString(dir.resolve("master.yaml"), """
        # the app's changelog
        databaseChangeLog:
        - include:
            file: 001-create-job-queue.yaml
            relativeToChangelogFile: true
        # 007 came from a hotfix branch
        - include:
            file: 007-hotfix.yaml
            relativeToChangelogFile: true""");
    Files.writeString(dir.resolve("009-draft.yaml"), "not included yet");
    ChangelogFolder folder = new ChangelogFolder(dir);

    int next = folder.nextNumber();
    folder.add("010-status-accepts-paused.yaml", "changeset",
        ChangesetYaml.include("010-status-accepts-paused.yaml"));

    assertThat(next).isEqualTo(10);
    String master = Files.readString(dir.resolve("master.yaml"));
    assertThat(master).startsWith("# the app's changelog\n").contains("# 007 came from a hotfix")
        .endsWith("relativeToChangelogFile: true\n- include:\n"
            + "    file: 010-status-accepts-paused.yaml\n    relativeToChangelogFile: true\n");
    assertThat(ChangelogFolder.includedFiles(master)).containsExactly("001-create-job-queue.yaml",
        "007-hotfix.yaml", "010-status-accepts-paused.yaml");
    assertThat(dir.resolve("010-status-accepts-paused.yaml")).hasContent("changeset");
  }

  @Test
  void aMasterItCannotAppendToIsRefusedAndNothingIsWritten() throws Exception {
    Files.writeString(dir.resolve("master.yaml"), "databaseChangeLog: []\n");
    ChangelogFolder folder = new ChangelogFolder(dir);

    assertThatThrownBy(() -> folder.add("004-x.yaml", "changeset", ChangesetYaml.include("004-x.yaml")))
        .isInstanceOf(JobdbException.class).hasMessageContaining("nothing was written");
    assertThat(dir.resolve("004-x.yaml")).doesNotExist();
    assertThat(dir.resolve("master.yaml")).hasContent("databaseChangeLog: []");
  }

  @Test
  void aFolderThatDoesNotExistIsSeededWithTheBuiltInChangelogByteForByte() throws Exception {
    Path folder = dir.resolve("db").resolve("changelog");
    ChangelogFolder changelog = new ChangelogFolder(folder);

    assertThat(changelog.exists()).isFalse();
    assertThat(changelog.nextNumber()).isEqualTo(4);
    changelog.seedWithBuiltIns();

    assertThat(changelog.exists()).isTrue();
    for (String file : ChangelogFolder.builtInFiles()) {
      assertThat(Files.readAllBytes(folder.resolve(file)))
          .isEqualTo(Files.readAllBytes(Path.of("changelogs").resolve(file)));
    }
    try (var files = Files.list(folder)) {
      assertThat(files.map(f -> f.getFileName().toString()).toList())
          .containsExactlyInAnyOrderElementsOf(ChangelogFolder.builtInFiles());
    }
  }
}
