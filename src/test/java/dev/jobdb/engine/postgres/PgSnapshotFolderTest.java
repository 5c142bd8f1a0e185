package dev.jobdb.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobdb.config.DatabaseUrl;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PgSnapshotFolderTest {
  private static final Path HOME = Path.of("/home/ann");

  @Test
  void theDefaultIsThePerUserDataFolder() {
    assertThat(PgSnapshotFolder.defaultFolder(Map.of(), "Linux", HOME))
        .isEqualTo(Path.of("/home/ann/.local/share/jobdb/snapshots"));
    assertThat(PgSnapshotFolder.defaultFolder(Map.of("XDG_DATA_HOME", "/data/ann"), "Linux",
        HOME)).isEqualTo(Path.of("/data/ann/jobdb/snapshots"));
    // the XDG rule: a relative value is ignored
    assertThat(PgSnapshotFolder.defaultFolder(Map.of("XDG_DATA_HOME", "data"), "Mac OS X",
        HOME)).isEqualTo(Path.of("/home/ann/.local/share/jobdb/snapshots"));
    assertThat(PgSnapshotFolder.defaultFolder(Map.of("LOCALAPPDATA", "/users/ann/local"),
        "Windows 11", HOME)).isEqualTo(Path.of("/users/ann/local/jobdb/snapshots"));
  }

  @Test
  void snapshotsAreNamedAfterHostPortAndDatabase() {
    assertThat(PgSnapshotFolder.prefix(url("jdbc:postgresql://db.example.com:5433/tracks")))
        .isEqualTo("db.example.com_5433_tracks");
    assertThat(PgSnapshotFolder.prefix(url("jdbc:postgresql://10.0.0.7/jobs?ssl=true")))
        .isEqualTo("10.0.0.7_5432_jobs");
    assertThat(PgSnapshotFolder.prefix(url("jdbc:postgresql://a:1,b:2/my db")))
        .isEqualTo("a_1_my-db");
  }

  private static DatabaseUrl url(String jdbc) {
    return new DatabaseUrl(jdbc, null, null, jdbc.substring(5), "test");
  }
}
