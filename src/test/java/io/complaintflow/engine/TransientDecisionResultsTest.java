package io.complaintflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionResultEntriesImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionResultImpl;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.impl.value.UntypedValueImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine's transient {@code decisionResult} is held as the object, never serialized; a decision result a model
 * stores, and any other transient object, keep the engine's own serializers.
 */
@ComplaintFlowTest
class TransientDecisionResultsTest {

    @Autowired ProcessEngine engine;

    @Test
    void aTransientDecisionResultIsKeptAsTheObjectOthersGoToTheEnginesSerializers() {
        DmnDecisionResultEntriesImpl entries = new DmnDecisionResultEntriesImpl();
        entries.putValue("grade", Variables.stringValue("G2"));
        DmnDecisionResult result = new DmnDecisionResultImpl(List.of(entries));
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
                .getProcessEngineConfiguration();
        var serializers = configuration.getVariableSerializers();
        List<String> chosen = configuration.getCommandExecutorTxRequired().execute(context -> List.of(
                serializers.findSerializerForValue(Variables.untypedValue(result, true)).getName(),
                serializers.findSerializerForValue(Variables.untypedValue(result, false)).getName(),
                serializers.findSerializerForValue(Variables.untypedValue(Map.of("a", 1), true)).getName()));

        assertThat(chosen.get(0)).isEqualTo(TransientDecisionResults.Unwritten.NAME);
        assertThat(new TransientDecisionResults.Unwritten(null).convertToTypedValue(
                (UntypedValueImpl) Variables.untypedValue(result, true)).getValue()).isSameAs(result);
        assertThat(chosen.get(1)).as("a stored decision result").isNotEqualTo(TransientDecisionResults.Unwritten.NAME);
        assertThat(chosen.get(2)).as("another transient object").isNotEqualTo(TransientDecisionResults.Unwritten.NAME);
    }
}
