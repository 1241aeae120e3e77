package io.complaintflow.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.impl.value.UntypedValueImpl;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * A business rule task puts its decision's whole result into the transient variable {@code decisionResult}; the engine
 * still serializes it (Java serialization of the result's entries) when it sets the variable, and again when the
 * command closes to see whether anyone changed it — a transient variable is never stored, so neither byte array is
 * used. Such a value goes through the serializer here, which keeps the object and writes nothing (1.5 % of the intake
 * job's CPU for its three decisions). Anything else, a stored decision result included, keeps the engine's
 * serializers.
 */
@Component
public class TransientDecisionResults extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<TypedValueSerializer> first = configuration.getCustomPreVariableSerializers() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreVariableSerializers());
        first.add(new Unwritten(configuration.getDefaultSerializationFormat()));
        configuration.setCustomPreVariableSerializers(first);
    }

    /**
     * Holds a transient decision result as the object itself; never stored, so nothing to write or read. It names the
     * engine's default serialization format as its own: among several serializers that can take a value (Java's,
     * Spin's JSON, this one) the engine picks the first of that format, and this one comes first.
     */
    static final class Unwritten implements TypedValueSerializer<ObjectValue> {

        static final String NAME = "complaintflow-transient-decision-result";

        private final String defaultFormat;

        Unwritten(String defaultFormat) {
            this.defaultFormat = defaultFormat;
        }

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public ValueType getType() {
            return ValueType.OBJECT;
        }

        @Override
        public boolean canHandle(TypedValue value) {
            return value != null && value.isTransient() && value.getValue() instanceof DmnDecisionResult;
        }

        @Override
        public ObjectValue convertToTypedValue(UntypedValueImpl untyped) {
            return Variables.objectValue(untyped.getValue(), true).create();
        }

        @Override
        public void writeValue(ObjectValue value, ValueFields fields) {
            // transient: the engine never stores the variable
        }

        @Override
        public ObjectValue readValue(ValueFields fields, boolean deserialize, boolean isTransient) {
            throw new IllegalStateException("a transient decision result is never stored: " + fields.getName());
        }

        @Override
        public String getSerializationDataformat() {
            return defaultFormat;
        }

        @Override
        public boolean isMutableValue(ObjectValue value) {
            return false;
        }
    }
}
