package dev.jobdb.config;

import java.nio.file.Path;

/**
 * A setting's value as written, and where it came from.
 *
 * @param setting which setting
 * @param value the text as written (a .env value with its quotes taken off)
 * @param source which rule chose it
 * @param origin human words for the source, e.g. {@code JOBDB_ENUM in /srv/app/.env, line 2}
 * @param base the folder a relative path in it is resolved against: the .env file's folder for a
 *     value from a .env file, else the working directory
 */
public record SettingValue(
    Setting setting, String value, PathSource source, String origin, Path base) {}
