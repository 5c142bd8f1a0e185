package dev.jobdb.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A path as written in a setting (a flag, the environment, a .env line), read by the rules of the
 * file system it is for: on Windows {@code D:\music\tracks.db}, {@code D:/music/tracks.db} and UNC
 * paths ({@code \\server\share\tracks.db}) are absolute, and a drive-relative {@code D:tracks.db}
 * is refused, since it depends on a per-drive current folder jobdb cannot see; elsewhere a Windows
 * drive or UNC path is refused, since it cannot name this machine's file. Pure: it reads nothing on
 * disk, so the Windows rules are tested on any machine with an in-memory Windows file system.
 */
public final class SettingPath {
  private static final Pattern DRIVE_ABSOLUTE = Pattern.compile("^[A-Za-z]:[\\\\/].*");
  private static final Pattern DRIVE_RELATIVE = Pattern.compile("^[A-Za-z]:(?![\\\\/]).*");
  private static final Pattern UNC = Pattern.compile("^(\\\\\\\\|//)[^\\\\/]+[\\\\/].*");

  private SettingPath() {}

  /** Why a written path cannot be used; the caller says which setting it came from. */
  public static final class RefusedException extends RuntimeException {
    RefusedException(String reason) {
      super(reason);
    }
  }

  /**
   * @param text the path as written (not blank)
   * @param base the folder a relative path is resolved against; its file system decides the rules
   * @return an absolute, normalized path on base's file system
   * @throws RefusedException with the reason, e.g. "is a Windows drive path and this is not Windows"
   */
  public static Path resolve(String text, Path base) {
    boolean windows = base.getFileSystem().getSeparator().equals("\\");
    if (windows && DRIVE_RELATIVE.matcher(text).matches()) {
      throw new RefusedException("is relative to the current folder of drive "
          + text.substring(0, 2) + ", which jobdb cannot know: write the whole path, e.g. "
          + text.substring(0, 2) + "\\" + text.substring(2));
    }
    if (!windows && DRIVE_ABSOLUTE.matcher(text).matches()) {
      throw new RefusedException("is a Windows drive path and this is not Windows");
    }
    if (!windows && text.startsWith("\\\\") && UNC.matcher(text).matches()) {
      throw new RefusedException("is a Windows network (UNC) path and this is not Windows");
    }
    try {
      return base.resolve(text).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new RefusedException("is not a valid path here (" + e.getReason() + ")");
    }
  }
}
