package io.complaintflow.surge;

import static io.complaintflow.surge.SurgeProcess.*;

import io.complaintflow.complaint.Actors;
import io.complaintflow.engine.FormValues;
import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The coordinator reports how many people of the level's roster came in. */
@PublishedForModels
@Component("surgeCoordinated")
class SurgeCoordinatedListener implements TaskListener {

    private final SurgeService surges;
    private final Actors actors;

    SurgeCoordinatedListener(SurgeService surges, Actors actors) {
        this.surges = surges;
        this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
        Integer staff = FormValues.integer(task.getVariable("staffCount"), "到岗人数");
        if (staff == null) {
            throw FormValues.invalid("到岗人数为必填项");
        }
        surges.coordinated(((Number) task.getVariable(ACTIVATION_ID)).longValue(),
                ((Number) task.getVariable(COORDINATED_LEVEL)).intValue(), actors.of(task.getAssignee()), staff,
                FormValues.text(task.getVariable("coordinationNote")));
        task.removeVariable("staffCount");
        task.removeVariable("coordinationNote");
    }
}
