package dev.jobdb.cli.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.jobdb.config.DatabaseUrl;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.nio.file.Path;
import java.time.Instant;

/** Renders a result record as one JSON document. */
public final class Json {
  /** Paths as plain file names and instants as ISO-8601 text: what a script reading it expects. */
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .addModule(
              new SimpleModule("jobdb")
                  .addSerializer(Path.class, new ToStringSerializer(Path.class))
                  .addSerializer(Instant.class, new ToStringSerializer(Instant.class))
                  .addSerializer(Enum.class, new LowerCaseEnumSerializer())
                  .addSerializer(DatabaseUrl.class, new DatabaseUrlSerializer()))
          .build();

  private Json() {}

  /** Fixed vocabularies as lower-case words ({@code env_file}, {@code dry_run}), like every field. */
  private static final class LowerCaseEnumSerializer extends StdSerializer<Enum> {
    LowerCaseEnumSerializer() {
      super(Enum.class);
    }

    @Override
    public void serialize(Enum value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      generator.writeString(value.name().toLowerCase(Locale.ROOT));
    }
  }

  /** A server database as {@code {url, origin}}: never its password. */
  private static final class DatabaseUrlSerializer extends StdSerializer<DatabaseUrl> {
    DatabaseUrlSerializer() {
      super(DatabaseUrl.class);
    }

    @Override
    public void serialize(DatabaseUrl value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      generator.writeObject(ErrorReport.database(value));
    }
  }

  public static void print(PrintWriter out, Object result) {
    try {
      out.println(MAPPER.writeValueAsString(result));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render " + result.getClass().getSimpleName(), e);
    }
  }
}
