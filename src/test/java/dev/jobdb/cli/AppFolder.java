package dev.jobdb.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The app's enum file as tests need it: the app's job_types.py, edited. */
final class AppFolder {
  private AppFolder() {}

  /** The app's services/job_types.py layout (JobType, JobStatus, JobPriority), 9 statuses. */
  static String jobTypes() throws IOException {
    try (InputStream in = AppFolder.class.getResourceAsStream("/appenum/job_types.py")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** job_types.py with {@code member} added after ZOMBIE, e.g. {@code PAUSED = "paused"}. */
  static String withMemberAfterZombie(String member) throws IOException {
    String zombie = "    ZOMBIE = \"zombie\"          # воркер пропал, задача висит\n";
    String text = jobTypes();
    if (!text.contains(zombie)) {
      throw new IllegalStateException("no ZOMBIE line in job_types.py");
    }
    return text.replace(zombie, zombie + "    " + member + "\n");
  }

  static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
