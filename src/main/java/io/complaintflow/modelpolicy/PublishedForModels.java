package io.complaintflow.modelpolicy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Spring bean that process owners' models may use in expressions ({@code ${name}},
 * {@code ${name.method(…)}}, {@code camunda:delegateExpression}). Only beans carrying it are visible to
 * expressions at all; every public method the bean's own class declares is callable. Publish deliberately: a
 * published method is callable by whoever may publish a model.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PublishedForModels {
}
