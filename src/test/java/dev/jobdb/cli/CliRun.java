package dev.jobdb.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs the command line in-process, as Main does, and captures what it prints. */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    // println ends lines with \r\n on Windows; the assertions compare \n-ended lines
    return new CliRun(code, out.toString().replace("\r\n", "\n"),
        err.toString().replace("\r\n", "\n"));
  }

  List<String> outLines() {
    return out.lines().toList();
  }

  List<String> errLines() {
    return err.lines().toList();
  }
}
