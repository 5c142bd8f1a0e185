import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Plays the app's worker for scripts/demo.sh: marks the oldest running job with the given status,
 * the write that crashed the app before the fix. A fresh machine has a JDK but maybe no sqlite3.
 *
 * <p>Run: java -cp target/jobdb.jar scripts/DemoWorker.java DATABASE STATUS
 */
public final class DemoWorker {
  public static void main(String[] args) throws SQLException {
    String sql =
        "UPDATE job_queue SET status = ? WHERE id ="
            + " (SELECT min(id) FROM job_queue WHERE status = 'running')";
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
        PreparedStatement update = connection.prepareStatement(sql)) {
      update.setString(1, args[1]);
      int changed = update.executeUpdate();
      System.out.println(
          changed == 1 ? "worker: a running job is now " + args[1] : "worker: no running job left");
    } catch (SQLException e) {
      System.out.println("worker crashed: " + e.getMessage());
      System.exit(1);
    }
  }
}
