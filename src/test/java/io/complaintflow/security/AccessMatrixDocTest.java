package io.complaintflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/security.md shows the authorization matrix exactly as {@link AccessMatrix} declares it. */
class AccessMatrixDocTest {

    static final Path DOC = Path.of("docs/security.md");
    static final String BEGIN = "<!-- access-matrix:begin (generated from security/AccessMatrix by AccessMatrixDocTest) -->";
    static final String END = "<!-- access-matrix:end -->";

    @Test
    void docsSecurityShowsTheMatrixAsTheCodeDeclaresIt() throws IOException {
        String doc = Files.readString(DOC);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        String generated = BEGIN + "\n" + AccessMatrix.markdown() + END;
        if (Boolean.getBoolean("updateDocs") && begin >= 0 && end > begin) {
            Files.writeString(DOC, doc.substring(0, begin) + generated + doc.substring(end + END.length()));
            doc = Files.readString(DOC);
            begin = doc.indexOf(BEGIN);
            end = doc.indexOf(END);
        }
        assertThat(begin).as("docs/security.md has the matrix markers").isNotNegative();
        assertThat(doc.substring(begin, end + END.length()))
                .as("docs/security.md is out of date: run AccessMatrixDocTest with -DupdateDocs=true").isEqualTo(generated);
    }

}
