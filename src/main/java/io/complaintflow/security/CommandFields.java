package io.complaintflow.security;

import java.lang.reflect.Field;

/**
 * Reads what a Camunda command carries (task id, variables, …): the engine keeps it in protected fields, and a
 * guard must see it before the command runs. Fails loudly when a Camunda upgrade renames a field.
 */
public final class CommandFields {

    private CommandFields() {
    }

    @SuppressWarnings("unchecked")
    public static <T> T get(Object command, String name) {
        for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return (T) field.get(command);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(command.getClass().getName() + " has no field " + name
                + " (Camunda changed its commands: adapt the guard)");
    }
}
