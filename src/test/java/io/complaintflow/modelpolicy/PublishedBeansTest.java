package io.complaintflow.modelpolicy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/** Expressions get a published singleton itself and a new copy of a {@link FreshForEachUse} at each use. */
class PublishedBeansTest {

    @PublishedForModels
    static class Shared {
    }

    @PublishedForModels
    static class Injected implements FreshForEachUse {
        Object field; // what the engine injects per use

        @Override
        public Injected fresh() {
            return new Injected();
        }
    }

    static class Unpublished {
    }

    @Test
    void aFreshForEachUseBeanIsANewCopyOfItsOwnClassAtEachUseASingletonItself() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.registerBean("shared", Shared.class);
            context.registerBean("injected", Injected.class);
            context.registerBean("unpublished", Unpublished.class);
            context.refresh();
            PublishedBeans beans = new PublishedBeans(context);

            Object first = beans.bean("injected");
            Object second = beans.bean("injected");
            assertThat(first).isInstanceOf(Injected.class).isNotSameAs(second)
                    .isNotSameAs(context.getBean("injected"));
            assertThat(PublishedBeans.isPublished(first)).isTrue();
            assertThat(beans.type("injected")).contains(Injected.class);
            assertThat(beans.bean("shared")).isSameAs(context.getBean("shared")).isSameAs(beans.bean("shared"));
            assertThat(beans.bean("unpublished")).isNull();
        }
    }
}
