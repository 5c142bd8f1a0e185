package dev.jobdb.appenum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Enum files in the forms real apps write them, read from real files; and every refusal. */
class PythonEnumReaderTest {
  private static final List<String> NINE = List.of("pending", "running", "completed", "failed",
      "cancelled", "timeout", "retrying", "dead_letter", "zombie");

  @TempDir Path dir;

  @Test
  void theAppsJobTypesFileWithThreeEnumsRussianCommentsAndMethods() throws Exception {
    Path file = copyOfResource("job_types.py");

    assertThat(PythonEnumReader.read(file, "JobStatus").values()).isEqualTo(NINE);
    assertThat(PythonEnumReader.read(file, "JobType").values()).hasSize(17)
        .startsWith("download", "transcode").endsWith("export");
    EnumDefinition status = PythonEnumReader.read(file, "JobStatus");
    assertThat(status.members().get(0)).isEqualTo(new EnumMember("PENDING", "pending", 36));
  }

  @Test
  void plainEnumWithSingleQuotesDocstringAndOtherClassesAround() throws Exception {
    Path file = write("""
        import enum

        class Other:
            X = "not this"

        class JobStatus(enum.Enum):
            '''The statuses.'''

            PENDING = 'pending'
            RUNNING = 'running'  # "quoted" in a comment

        class After(enum.Enum):
            Y = "y"
        """);

    assertThat(values(file)).containsExactly("pending", "running");
  }

  @Test
  void enumsOwnUniqueAndVerifyDecoratorsAreFine() throws Exception {
    Path file = write("""
        import enum
        from enum import unique

        @unique
        @enum.verify(enum.UNIQUE)
        class JobStatus(enum.StrEnum):
            PENDING = enum.auto()
        """);

    assertThat(values(file)).containsExactly("pending");
  }

  @Test
  void strEnumAutoIsTheLowerCaseName() throws Exception {
    Path file = write("""
        from enum import StrEnum, auto

        class JobStatus(StrEnum):
            PENDING = auto()
            Dead_Letter = auto()
            PAUSED = "paused"
        """);

    assertThat(values(file)).containsExactly("pending", "dead_letter", "paused");
  }

  @Test
  void stringsAsPythonReadsThem() throws Exception {
    Path file = write("""
        from enum import Enum
        FAKE = \"\"\"
        class JobStatus(Enum):
            FAKE = "fake"
        \"\"\"
        class JobStatus(str, Enum):
            HASH = "a#b"  # the # is in the string
            JOINED = "dead" "_letter"
            WRAPPED = (
                "wrapped"
            )
            ESCAPED = "\\x41\\u00e9"
            RAW = r"raw\\n"
            ANNOTATED: str = "annotated"
            _order_ = "HASH JOINED WRAPPED ESCAPED RAW ANNOTATED"
            __slots__ = ()

            def label(self) -> str:
                return self.value.title()

            @classmethod
            def active(cls):
                return [cls.HASH]
        """);

    assertThat(values(file))
        .containsExactly("a#b", "dead_letter", "wrapped", "Aé", "raw\\n", "annotated");
  }

  @Test
  void anEncodingLineAByteOrderMarkCrlfAndTabs() throws Exception {
    Path cp1251 = dir.resolve("cp1251.py");
    Files.write(cp1251, """
        # -*- coding: cp1251 -*-
        from enum import Enum
        class JobStatus(Enum):
            PENDING = "pending"  # ждёт воркера
            ПАУЗА = "пауза"
        """.getBytes(Charset.forName("windows-1251")));
    Path bom = dir.resolve("bom.py");
    Files.write(bom, ("\uFEFFfrom enum import Enum\r\nclass JobStatus(Enum):\r\n\tA = \"a\"\r\n"
        + "\tB = \"b\"\r\n").getBytes(StandardCharsets.UTF_8));

    assertThat(values(cp1251)).containsExactly("pending", "пауза");
    assertThat(values(bom)).containsExactly("a", "b");
  }

  // --- refusals: each names the line and what to do ---

  @Test
  void aComputedValue() throws Exception {
    EnumFileException e = refused("""
        from enum import Enum
        PREFIX = "x"
        class JobStatus(Enum):
            A = "a"
            B = PREFIX + "b"
        """);

    assertThat(e.line()).isEqualTo(5);
    assertThat(e.getMessage()).startsWith("JobStatus.B is not a string literal (B = PREFIX + \"b\")")
        .contains("write its value as a string, e.g. B = \"b\"");
  }

  @Test
  void autoInAPlainEnum() throws Exception {
    EnumFileException e = refused("""
        from enum import Enum, auto
        class JobStatus(str, Enum):
            A = "a"
            B = auto()
        """);

    assertThat(e.line()).isEqualTo(4);
    assertThat(e.getMessage()).contains("auto() in a plain Enum");
  }

  @Test
  void aDuplicateValueThatPythonWouldMakeAnAlias() throws Exception {
    EnumFileException e = refused("""
        from enum import Enum
        class JobStatus(Enum):
            RETRYING = "retrying"
            RETRY = "retrying"
        """);

    assertThat(e.line()).isEqualTo(4);
    assertThat(e.getMessage()).contains("RETRY repeats the value 'retrying' of RETRYING (line 3)")
        .contains("alias");
  }

  @Test
  void aClassThatIsNotThere() throws Exception {
    EnumFileException e = refused("""
        from enum import Enum
        class JobState(Enum):
            A = "a"
        """);

    assertThat(e.line()).isZero();
    assertThat(e.getMessage()).startsWith("no class JobStatus in the file (its classes: JobState)");
  }

  @Test
  void otherThingsJobdbCannotBeSureOf() throws Exception {
    assertThat(refused("""
        try:
            from enum import StrEnum
        except ImportError:
            from strenum import StrEnum
        class JobStatus(StrEnum):
            A = "a"
        """).getMessage()).contains("has the base StrEnum, which jobdb cannot tell");
    assertThat(refused("""
        from enum import IntEnum
        class JobStatus(IntEnum):
            A = 1
        """).getMessage()).contains("is an IntEnum");
    assertThat(refused("""
        from enum import Enum
        class JobStatus(Enum):
            A = f"a"
        """).getMessage()).contains("not a plain string");
    assertThat(refused("""
        from enum import Enum
        class JobStatus(Enum):
            A = "a"
            if True:
                B = "b"
        """).line()).isEqualTo(4);
    assertThat(refused("""
        import sys
        from enum import Enum
        if sys.version_info >= (3, 11):
            class JobStatus(Enum):
                A = "a"
        """).getMessage()).contains("inside another block");
    assertThat(refused("""
        from enum import Enum
        class JobStatus(Enum):
            A = "a"
            A = "b"
        """).getMessage()).contains("defined a second time");
    assertThat(refused("""
        from enum import Enum
        class JobStatus(Enum):
            A = "a
        """).getMessage()).startsWith("a string that is never closed");
    assertThat(refused("""
        from enum import Enum
        from app.registry import register

        @register
        class JobStatus(Enum):
            A = "a"
        """).line()).isEqualTo(4);
    assertThat(refused("""
        from enum import Enum
        class JobStatus(Enum):
            A = "a"
            class Labels:
                A = "Ожидает"
        """).getMessage()).startsWith("a class inside JobStatus");
  }

  @Test
  void bytesThatAreNotTextInTheFilesEncodingAndUnknownEncodings() throws Exception {
    Path latin = dir.resolve("latin.py");
    Files.write(latin, "from enum import Enum\nclass JobStatus(Enum):\n    A = \"caf\u00e9\"\n"
        .getBytes(StandardCharsets.ISO_8859_1));
    Path unknown = write("# coding: klingon\nfrom enum import Enum\n");

    EnumFileException notUtf8 = catchThrowableOfType(EnumFileException.class,
        () -> PythonEnumReader.read(latin, "JobStatus"));
    EnumFileException notKnown = catchThrowableOfType(EnumFileException.class,
        () -> PythonEnumReader.read(unknown, "JobStatus"));

    assertThat(notUtf8.line()).isEqualTo(3);
    assertThat(notUtf8.getMessage()).startsWith("bytes that are not UTF-8 text");
    assertThat(notKnown.line()).isEqualTo(1);
    assertThat(notKnown.getMessage()).startsWith("unknown source encoding 'klingon'");
  }

  private List<String> values(Path file) throws IOException, EnumFileException {
    return PythonEnumReader.read(file, "JobStatus").values();
  }

  private EnumFileException refused(String source) throws IOException {
    Path file = write(source);
    return catchThrowableOfType(EnumFileException.class,
        () -> PythonEnumReader.read(file, "JobStatus"));
  }

  private Path write(String source) throws IOException {
    return Files.writeString(Files.createTempFile(dir, "enum", ".py"), source);
  }

  private Path copyOfResource(String name) throws IOException {
    try (var in = getClass().getResourceAsStream("/appenum/" + name)) {
      Path file = dir.resolve(name);
      Files.copy(in, file);
      return file;
    }
  }
}
