package io.complaintflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shape of the code (docs/design.md): one package per feature and no package cycles; the engine's types stay
 * in the adapters that turn process variables into typed calls. Every rule holds outright: nothing is frozen.
 */
@AnalyzeClasses(packages = "io.complaintflow", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * Delegates, listeners and other adapters, the engine package's glue and the engine's own extension points (the
     * expression manager that polices what models may call): where engine types belong.
     */
    private static final DescribedPredicate<JavaClass> ENGINE_ADAPTERS = DescribedPredicate.describe(
            "engine adapters (…Delegate, …Listener, …Adapter, io.complaintflow.engine, an ExpressionManager)",
            ArchitectureTest::isAdapter);

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles = slices().matching("io.complaintflow.(*)..")
            .as("feature packages").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyAdaptersSeeExecutionsAndTasks = noClasses()
            .that(DescribedPredicate.not(ENGINE_ADAPTERS))
            .should().dependOnClassesThat().belongToAnyOf(DelegateExecution.class, DelegateTask.class,
                    VariableScope.class)
            .because("services and repositories take typed values; adapters translate process variables");

    @ArchTest
    static final ArchRule controllersArePackagePrivate = classes()
            .that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(Controller.class)
            .should().notBePublic()
            .because("Spring finds them without it; nothing else should call a controller");

    @ArchTest
    static final ArchRule delegatesAndListenersArePackagePrivate = classes()
            .that().implement(JavaDelegate.class).or().implement(TaskListener.class)
            .or().implement(ExecutionListener.class)
            .should().notBePublic()
            .because("models reach them by bean name (a method a model's expression calls is declared by a public"
                    + " …Adapter interface); nothing else should call an adapter");

    private static boolean isAdapter(JavaClass type) {
        JavaClass outer = type;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        String name = outer.getSimpleName();
        return name.endsWith("Delegate") || name.endsWith("Listener") || name.endsWith("Adapter")
                || outer.getPackageName().startsWith("io.complaintflow.engine")
                || outer.isAssignableTo(JavaDelegate.class) || outer.isAssignableTo(TaskListener.class)
                || outer.isAssignableTo(ExecutionListener.class)
                || outer.isAssignableTo(org.camunda.bpm.engine.impl.el.ExpressionManager.class);
    }
}
