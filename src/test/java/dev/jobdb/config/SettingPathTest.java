package dev.jobdb.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The path rules on an in-memory Windows file system and an in-memory Unix one (Jimfs). */
class SettingPathTest {
  private final FileSystem windows =
      Jimfs.newFileSystem(Configuration.windows().toBuilder().setWorkingDirectory("C:\\work").build());
  private final FileSystem unix =
      Jimfs.newFileSystem(Configuration.unix().toBuilder().setWorkingDirectory("/srv/app").build());

  @AfterEach
  void close() throws IOException {
    windows.close();
    unix.close();
  }

  @Test
  void onWindowsDrivePathsWithEitherSlashAreAbsolute() {
    Path base = windows.getPath("C:\\Users\\me\\app");

    assertThat(SettingPath.resolve("D:\\music\\Youtube\\DB\\tracks.db", base))
        .isEqualTo(windows.getPath("D:\\music\\Youtube\\DB\\tracks.db"));
    assertThat(SettingPath.resolve("D:/music/Youtube/DB/tracks.db", base))
        .isEqualTo(windows.getPath("D:\\music\\Youtube\\DB\\tracks.db"));
    assertThat(SettingPath.resolve("d:/music/../music/tracks.db", base).toString())
        .isEqualToIgnoringCase("D:\\music\\tracks.db");
  }

  @Test
  void onWindowsUncPathsAreAbsolute() {
    Path base = windows.getPath("C:\\Users\\me\\app");

    Path unc = SettingPath.resolve("\\\\nas\\music\\DB\\tracks.db", base);

    assertThat(unc.isAbsolute()).isTrue();
    assertThat(unc.toString()).isEqualTo("\\\\nas\\music\\DB\\tracks.db");
  }

  @Test
  void onWindowsRelativePathsFollowTheBaseFolder() {
    Path base = windows.getPath("C:\\Users\\me\\app");

    assertThat(SettingPath.resolve("DB\\tracks.db", base))
        .isEqualTo(windows.getPath("C:\\Users\\me\\app\\DB\\tracks.db"));
    assertThat(SettingPath.resolve("DB/tracks.db", base))
        .isEqualTo(windows.getPath("C:\\Users\\me\\app\\DB\\tracks.db"));
    assertThat(SettingPath.resolve("..\\tracks.db", base))
        .isEqualTo(windows.getPath("C:\\Users\\me\\tracks.db"));
  }

  @Test
  void onWindowsADriveRelativePathIsRefusedWithTheWholePathToWrite() {
    Path base = windows.getPath("C:\\Users\\me\\app");

    assertThatThrownBy(() -> SettingPath.resolve("D:tracks.db", base))
        .isInstanceOf(SettingPath.RefusedException.class)
        .hasMessage("is relative to the current folder of drive D:, which jobdb cannot know:"
            + " write the whole path, e.g. D:\\tracks.db");
    assertThatThrownBy(() -> SettingPath.resolve("D:", base))
        .isInstanceOf(SettingPath.RefusedException.class);
  }

  @Test
  void onWindowsCharactersWindowsForbidsAreRefused() {
    Path base = windows.getPath("C:\\Users\\me\\app");

    assertThatThrownBy(() -> SettingPath.resolve("tracks|db", base))
        .isInstanceOf(SettingPath.RefusedException.class)
        .hasMessageStartingWith("is not a valid path here");
  }

  @Test
  void elsewhereWindowsDriveAndUncPathsAreRefused() {
    Path base = unix.getPath("/srv/app");

    assertThatThrownBy(() -> SettingPath.resolve("D:/music/tracks.db", base))
        .hasMessage("is a Windows drive path and this is not Windows");
    assertThatThrownBy(() -> SettingPath.resolve("D:\\music\\tracks.db", base))
        .hasMessage("is a Windows drive path and this is not Windows");
    assertThatThrownBy(() -> SettingPath.resolve("\\\\nas\\music\\tracks.db", base))
        .hasMessage("is a Windows network (UNC) path and this is not Windows");
  }

  @Test
  void elsewhereRelativeAndAbsolutePathsResolveAsUsual() {
    Path base = unix.getPath("/srv/app");

    assertThat(SettingPath.resolve("DB/tracks.db", base)).isEqualTo(unix.getPath("/srv/app/DB/tracks.db"));
    assertThat(SettingPath.resolve("/data/tracks.db", base)).isEqualTo(unix.getPath("/data/tracks.db"));
    // A colon is an ordinary character here: "D:tracks.db" is a file in the base folder.
    assertThat(SettingPath.resolve("D:tracks.db", base)).isEqualTo(unix.getPath("/srv/app/D:tracks.db"));
  }
}
