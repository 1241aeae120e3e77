package io.complaintflow.engine;

import java.util.Map;

/**
 * The list-column values of a task whose process holds no copy of them (a department part of generation 3 reads its
 * complaint from the record): by process variable name ({@link TaskListColumns#COLUMNS}'s keys), as codes.
 */
public interface RecordColumns {

    /** Whether tasks of this process may take their columns from the record (decided when a model is parsed). */
    boolean reads(String processDefinitionKey);

    /** Empty for a process that keeps its columns as variables or works on no complaint: no read then. */
    Map<String, Object> columns(String processDefinitionKey, String businessKey);
}
