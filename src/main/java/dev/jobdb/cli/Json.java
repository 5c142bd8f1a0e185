package dev.jobdb.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;

/** Renders a result record as one JSON document. */
final class Json {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private Json() {}

  static void print(PrintWriter out, Object result) {
    try {
      out.println(MAPPER.writeValueAsString(result));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render " + result.getClass().getSimpleName(), e);
    }
  }
}
