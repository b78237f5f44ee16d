package dev.vigil.common.events;

import dev.vigil.common.compliance.ControlEvaluation;
import dev.vigil.common.events.access.CampaignClosed;
import dev.vigil.common.events.access.CampaignStarted;
import dev.vigil.common.events.access.ContainmentExecuted;
import dev.vigil.common.events.access.DecisionRecorded;
import dev.vigil.common.events.access.PlatformAppObserved;
import dev.vigil.common.events.access.ReviewReminder;
import dev.vigil.common.events.access.RevocationApplied;
import dev.vigil.common.events.access.RevocationRequested;
import dev.vigil.common.events.audit.AuditEventRecorded;
import dev.vigil.common.events.audit.CheckpointSigned;
import dev.vigil.common.events.backups.BackupCompleted;
import dev.vigil.common.events.backups.BackupFailed;
import dev.vigil.common.events.backups.BackupPruned;
import dev.vigil.common.events.backups.BackupVerified;
import dev.vigil.common.events.backups.RestoreCompleted;
import dev.vigil.common.events.backups.RestoreProgressed;
import dev.vigil.common.events.backups.RestoreTested;
import dev.vigil.common.events.checklist.EvaluationRequested;
import dev.vigil.common.events.keys.KeyBackupRecorded;
import dev.vigil.common.events.keys.KeyVersionChanged;
import dev.vigil.common.events.keys.LeakFound;
import dev.vigil.common.events.keys.ReencryptionProgressed;
import dev.vigil.common.events.keys.ServiceBindingChanged;
import dev.vigil.common.events.security.SecurityAlertRaised;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every event type Vigil produces or consumes, as the record that carries its data. A type's string
 * is written once, as the record's {@code TYPE}; everything else reads it from here.
 */
public final class EventCatalog {

  /** The data records of every published event type. */
  public static final List<Class<? extends EventData>> RECORDS =
      List.of(
          ControlEvaluation.class,
          EvaluationRequested.class,
          AuditEventRecorded.class,
          CheckpointSigned.class,
          SecurityAlertRaised.class,
          KeyVersionChanged.class,
          ReencryptionProgressed.class,
          KeyBackupRecorded.class,
          LeakFound.class,
          ServiceBindingChanged.class,
          BackupCompleted.class,
          BackupFailed.class,
          BackupVerified.class,
          BackupPruned.class,
          RestoreTested.class,
          RestoreProgressed.class,
          RestoreCompleted.class,
          CampaignStarted.class,
          CampaignClosed.class,
          DecisionRecorded.class,
          RevocationRequested.class,
          RevocationApplied.class,
          ContainmentExecuted.class,
          ReviewReminder.class,
          PlatformAppObserved.class);

  private static final Map<Class<?>, String> TYPES = new LinkedHashMap<>();

  static {
    for (Class<? extends EventData> record : RECORDS) {
      TYPES.put(record, declaredType(record));
    }
  }

  private EventCatalog() {}

  /**
   * The CloudEvents type of a data record.
   *
   * @throws IllegalArgumentException when the class is not in the catalogue
   */
  public static String typeOf(Class<?> record) {
    String type = TYPES.get(record);
    if (type == null) {
      throw new IllegalArgumentException(record.getName() + " is not in the event catalogue");
    }
    return type;
  }

  /** Every catalogued type, in catalogue order. */
  public static List<String> types() {
    return List.copyOf(TYPES.values());
  }

  private static String declaredType(Class<?> record) {
    try {
      Field field = record.getField("TYPE");
      if (!Modifier.isStatic(field.getModifiers()) || field.getType() != String.class) {
        throw new IllegalStateException(record.getName() + ".TYPE must be a static String");
      }
      return (String) field.get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(record.getName() + " declares no public TYPE", e);
    }
  }
}
