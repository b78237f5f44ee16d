package dev.vigil.access.snapshot;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;

/** An account row of a stored snapshot. */
@Entity
@Table(name = "access_account")
public class AccountRecord extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "snapshot_id", nullable = false)
  public Long snapshotId;

  @Column(name = "external_id", nullable = false)
  public String externalId;

  @Column(name = "display_name")
  public String displayName;

  @Column(name = "user_type", length = 32)
  public String userType;

  @Column(nullable = false)
  public boolean enabled;

  @Column(name = "created_at")
  public OffsetDateTime createdAt;

  @Column(name = "last_sign_in_at")
  public OffsetDateTime lastSignInAt;

  @Column(name = "sign_in_known", nullable = false)
  public boolean signInKnown;

  @Convert(converter = StringList.class)
  @Column(nullable = false, columnDefinition = "text")
  public List<String> roles;

  @Convert(converter = StringList.class)
  @Column(nullable = false, columnDefinition = "text")
  public List<String> organizations;

  @Column(name = "mfa_registered")
  public Boolean mfaRegistered;

  @Column(name = "mfa_enforced")
  public Boolean mfaEnforced;

  @Column(name = "mfa_policy")
  public String mfaPolicy;

  @Column(name = "manager_id")
  public String managerId;

  static AccountRecord of(long snapshotId, Account a) {
    AccountRecord r = new AccountRecord();
    r.snapshotId = snapshotId;
    r.externalId = a.id();
    r.displayName = a.displayName();
    r.userType = a.userType();
    r.enabled = a.enabled();
    r.createdAt = Times.offset(a.createdAt());
    r.signInKnown = a.lastSignIn().known();
    r.lastSignInAt = Times.offset(a.lastSignIn().at());
    r.roles = a.roles();
    r.organizations = a.organizations();
    r.mfaRegistered = a.mfaRegistered();
    r.mfaEnforced = a.mfaEnforced();
    r.mfaPolicy = a.mfaPolicy();
    r.managerId = a.managerId();
    return r;
  }
}
