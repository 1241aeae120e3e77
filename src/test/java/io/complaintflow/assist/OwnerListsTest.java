package io.complaintflow.assist;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TestScenarios;
import io.complaintflow.complaint.Grade;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The owners' lists are kept on each node: an unchanged stamp reads no rows, and a row another node adds or deletes
 * straight in the table counts at the very next intake.
 */
@ComplaintFlowTest
class OwnerListsTest {

    @Autowired OwnerLists lists;
    @Autowired AssistService assist;
    @Autowired TestScenarios scenarios;
    @Autowired JdbcClient jdbc;

    @Test
    void unchangedListsAreNotReadAgain() {
        OwnerLists.Lists first = lists.lists();
        long reads = lists.reads();
        assertThat(first.words()).as("the seeded words").hasSizeGreaterThan(40);

        OwnerLists.Lists again = lists.lists();
        assist.detect("快递一周没到，我要去找记者曝光");
        assertThat(lists.reads()).as("rows read again").isEqualTo(reads);
        assertThat(again).isSameAs(first);
    }

    @Test
    void aSensitiveWordAnotherNodeAddsOrDeletesCountsAtTheNextIntake() {
        String text = "快递一周没到，我要去找居委会评评理";
        assertThat(grade(text)).isEqualTo(Grade.G1);
        long reads = lists.reads();

        jdbc.sql("insert into sensitive_word (word, topic, created_by, created_at) values (?, ?, ?, ?)")
                .param("找居委会").param(SensitiveTopic.MEDIA).param("other-node").param(OffsetDateTime.now())
                .update();
        long id = jdbc.sql("select id from sensitive_word where word = ?").param("找居委会").query(Long.class)
                .single();
        try {
            assertThat(grade(text)).as("added on another node").isEqualTo(Grade.G4);
            assertThat(lists.reads()).as("read once after the change").isEqualTo(reads + 1);
        } finally {
            jdbc.sql("delete from sensitive_word where id = ?").param(id).update();
        }
        assertThat(grade(text)).as("deleted on another node").isEqualTo(Grade.G1);
    }

    @Test
    void aSafetyTermDeletedAndAnotherAddedInItsPlaceIsSeen() {
        String text = "杯子的把手摸起来黏糊糊的";
        assertThat(assist.detect(text).safety().flagged()).isFalse();
        jdbc.sql("insert into safety_term (term, kind, created_by, created_at) values (?, ?, ?, ?)")
                .param("黏糊糊").param("harm").param("other-node").param(OffsetDateTime.now()).update();
        long first = jdbc.sql("select id from safety_term where term = ?").param("黏糊糊").query(Long.class)
                .single();
        assertThat(assist.detect(text).safety().flagged()).as("added on another node").isTrue();

        // the same number of rows as before, one of them new: the stamp still moves
        jdbc.sql("delete from safety_term where id = ?").param(first).update();
        jdbc.sql("insert into safety_term (term, kind, created_by, created_at) values (?, ?, ?, ?)")
                .param("把手松垮").param("harm").param("other-node").param(OffsetDateTime.now()).update();
        try {
            assertThat(assist.detect(text).safety().flagged()).as("replaced on another node").isFalse();
            assertThat(assist.detect("杯子的把手松垮垮的").safety().flagged()).isTrue();
        } finally {
            jdbc.sql("delete from safety_term where term = ?").param("把手松垮").update();
        }
    }

    private Grade grade(String description) {
        return scenarios.complaint(scenarios.file(TestScenarios.request("hotline", "delivery", "快递慢", description)))
                .grade();
    }
}
