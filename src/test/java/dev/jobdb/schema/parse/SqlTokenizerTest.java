package dev.jobdb.schema.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jobdb.schema.parse.SqlToken.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTokenizerTest {
  @Test
  void stringLiteralKeepsDoubledQuotesInTextAndUnescapesThemInValue() {
    List<SqlToken> tokens = SqlTokenizer.tokenize("'it''s' 'a'");

    assertThat(tokens).extracting(SqlToken::type).containsExactly(Type.STRING, Type.STRING);
    assertThat(tokens.get(0).text()).isEqualTo("'it''s'");
    assertThat(tokens.get(0).value()).isEqualTo("it's");
    assertThat(tokens.get(1).value()).isEqualTo("a");
  }

  @Test
  void theThreeIdentifierQuotesAreIdentifiersWithQuotesRemoved() {
    List<SqlToken> tokens = SqlTokenizer.tokenize("\"a\"\"b\" [x y] `c``d` plain");

    assertThat(tokens)
        .extracting(SqlToken::type)
        .containsExactly(
            Type.QUOTED_IDENTIFIER, Type.QUOTED_IDENTIFIER, Type.QUOTED_IDENTIFIER, Type.WORD);
    assertThat(tokens).extracting(SqlToken::value).containsExactly("a\"b", "x y", "c`d", "plain");
  }

  @Test
  void commentsAndWhitespaceAreSkippedButOffsetsPointIntoTheOriginalText() {
    String sql = "a -- line comment with 'quote\n /* block ) , */ b\t/*open to the end";
    List<SqlToken> tokens = SqlTokenizer.tokenize(sql);

    assertThat(tokens).extracting(SqlToken::text).containsExactly("a", "b");
    for (SqlToken t : tokens) {
      assertThat(sql.substring(t.start(), t.end())).isEqualTo(t.text());
    }
  }

  @Test
  void commentMarkersInsideStringsAreText() {
    List<SqlToken> tokens = SqlTokenizer.tokenize("'-- not a comment' '/* nor this */'");

    assertThat(tokens)
        .extracting(SqlToken::value)
        .containsExactly("-- not a comment", "/* nor this */");
  }

  @Test
  void numbersOperatorsBlobsAndVariables() {
    List<SqlToken> tokens =
        SqlTokenizer.tokenize("1 2.5 .5 1e10 0x1F 1_000 x'0A' <= <> || != ->> ( , ) ? :name");

    assertThat(tokens)
        .extracting(SqlToken::text)
        .containsExactly(
            "1", "2.5", ".5", "1e10", "0x1F", "1_000", "x'0A'", "<=", "<>", "||", "!=", "->>", "(",
            ",", ")", "?", ":name");
    assertThat(tokens.get(6).type()).isEqualTo(Type.BLOB);
    assertThat(tokens.subList(0, 6)).extracting(SqlToken::type).containsOnly(Type.NUMBER);
  }

  @Test
  void keywordsMatchInAnyCaseButQuotedWordsAreNeverKeywords() {
    List<SqlToken> tokens = SqlTokenizer.tokenize("cHeCk \"CHECK\" IN(");

    assertThat(tokens.get(0).isKeyword("CHECK")).isTrue();
    assertThat(tokens.get(1).isKeyword("CHECK")).isFalse();
    assertThat(tokens.get(1).names("check")).isTrue();
    assertThat(tokens.get(2).isKeyword("in")).isTrue();
    assertThat(tokens.get(3).isOperator("(")).isTrue();
  }

  @Test
  void nonAsciiLettersBelongToIdentifiers() {
    assertThat(SqlTokenizer.tokenize("größe TEXT"))
        .extracting(SqlToken::text)
        .containsExactly("größe", "TEXT");
  }

  @Test
  void unterminatedLiteralsAreErrorsWithTheirOffset() {
    assertThatThrownBy(() -> SqlTokenizer.tokenize("a 'open"))
        .isInstanceOf(SqlParseException.class)
        .hasMessageContaining("unterminated string literal")
        .satisfies(e -> assertThat(((SqlParseException) e).offset()).isEqualTo(2));
    assertThatThrownBy(() -> SqlTokenizer.tokenize("\"open")).isInstanceOf(SqlParseException.class);
    assertThatThrownBy(() -> SqlTokenizer.tokenize("[open")).isInstanceOf(SqlParseException.class);
  }
}
