package dev.vigil.testing.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.EvaluationResult;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The package rules every service keeps, checked with ArchUnit over the service's own compiled
 * classes: its feature packages ({@code <root>.<feature>..}) depend on each other without cycles,
 * and no class depends on a {@code dev.vigil} package other than its own root, {@code
 * dev.vigil.common} and {@code dev.vigil.testing}.
 *
 * <p>Libraries a service uses by design live under its own root ({@code dev.vigil.audit.verify} of
 * audit-verifier, {@code dev.vigil.backups.recovery} of backup-recovery), so they pass the second
 * rule; they are not imported, so they take no part in the first.
 */
public final class ServicePackages {

  /** Shared by every service: what its classes may use besides its own root. */
  private static final List<String> SHARED = List.of("dev.vigil.common..", "dev.vigil.testing..");

  /** ArchUnit stops at 100 cycles by default; a count above that would be a wrong figure. */
  private static final String MAX_CYCLES = "10000";

  private final String root;
  private final JavaClasses mainClasses;
  private final JavaClasses allClasses;

  private ServicePackages(String root, JavaClasses mainClasses, JavaClasses allClasses) {
    this.root = root;
    this.mainClasses = mainClasses;
    this.allClasses = allClasses;
  }

  /**
   * The classes compiled beside {@code mainClass} (the service's main classes) and beside {@code
   * testClass} (its tests).
   *
   * @param root the service's root package, e.g. {@code dev.vigil.keys}
   */
  public static ServicePackages of(String root, Class<?> mainClass, Class<?> testClass) {
    ArchConfiguration.get().setProperty("cycles.maxNumberToDetect", MAX_CYCLES);
    Location main = locationOf(mainClass);
    Location test = locationOf(testClass);
    ClassFileImporter importer = new ClassFileImporter();
    return new ServicePackages(
        root,
        importer.importLocations(Set.of(main)),
        importer.importLocations(new LinkedHashSet<>(List.of(main, test))));
  }

  /**
   * The cycles between the feature packages of the main classes, one line each with the features in
   * order (e.g. {@code slots -> rotation -> slots}), or none.
   */
  public List<String> featureCycles() {
    EvaluationResult result =
        slices()
            .matching(root + ".(*)..")
            .namingSlices("$1")
            .should()
            .beFreeOfCycles()
            .evaluate(mainClasses);
    return result.getFailureReport().getDetails().stream()
        .filter(line -> line.startsWith("Cycle detected: "))
        .map(ServicePackages::cycleOnly)
        .collect(Collectors.toList());
  }

  /**
   * The dependencies of main or test classes on {@code dev.vigil} packages outside the service's
   * root, {@code dev.vigil.common} and {@code dev.vigil.testing}, one line each, or none.
   */
  public List<String> otherServiceDependencies() {
    String[] allowed =
        Stream.concat(Stream.of(root + ".."), SHARED.stream()).toArray(String[]::new);
    EvaluationResult result =
        noClasses()
            .that()
            .resideInAPackage(root + "..")
            .should()
            .dependOnClassesThat(
                resideInAPackage("dev.vigil..").and(not(resideInAnyPackage(allowed))))
            .allowEmptyShould(true)
            .evaluate(allClasses);
    return result.getFailureReport().getDetails();
  }

  private static String cycleOnly(String detail) {
    // ArchUnit writes the slices one per line before the numbered dependency lists.
    return detail
        .lines()
        .takeWhile(line -> !line.matches("\\s*1\\. .*"))
        .map(String::strip)
        .collect(Collectors.joining(" "))
        .substring("Cycle detected: ".length());
  }

  private static Location locationOf(Class<?> type) {
    try {
      return Location.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("No class location for " + type.getName(), e);
    }
  }
}
