package dev.vigil.backups.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgToolsTest {

  @TempDir Path directory;

  /** A stand-in for an old client package: a pg_dump that only reports its version. */
  private Path oldPgDump(String version) throws Exception {
    Path bin = Files.createDirectories(directory.resolve("pg" + version + "/bin"));
    Path tool = bin.resolve("pg_dump");
    Files.writeString(tool, "#!/bin/sh\necho 'pg_dump (PostgreSQL) " + version + "'\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }

  @Test
  void shouldRefuseAPgDumpOlderThanTheServerNamingBothVersions() throws Exception {
    PgTools tools = new PgTools(List.of(oldPgDump("13.4").toString()));

    assertThatThrownBy(() -> tools.pgDump(15))
        .isInstanceOf(PgTools.ToolUnavailableException.class)
        .hasMessageContaining("pg_dump 13.4")
        .hasMessageContaining("major version 15");
  }

  @Test
  void shouldPickTheNewestOfSeveralDirectories() throws Exception {
    PgTools tools =
        new PgTools(
            List.of(oldPgDump("13.4").toString(), "/nowhere", oldPgDump("16.2").toString()));

    assertThat(tools.pgDump(15).version()).isEqualTo(new ToolVersion(16, 2));
  }

  @Test
  void shouldUseTheRealClientToolsOfThisMachine() {
    PgTools tools = new PgTools(List.of("/usr/lib/postgresql/15/bin", "/usr/bin"));

    assertThat(tools.pgDump(15).version().major()).isGreaterThanOrEqualTo(15);
    assertThat(tools.pgRestore(15).path()).isExecutable();
  }

  @Test
  void shouldSayWhereItLookedWhenThereIsNoTool() {
    PgTools tools = new PgTools(List.of(directory.toString()));

    assertThatThrownBy(() -> tools.pgRestore(15)).hasMessageContaining(directory.toString());
  }

  @Test
  void shouldReadVersionLinesAndServerVersions() {
    assertThat(ToolVersion.parse("pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"))
        .contains(new ToolVersion(15, 20));
    assertThat(ToolVersion.parse("pg_restore (PostgreSQL) 17")).contains(new ToolVersion(17, 0));
    assertThat(ToolVersion.parse("something else")).isEmpty();
    assertThat(ToolVersion.serverMajor(150020)).isEqualTo(15);
    assertThat(ToolVersion.serverMajor(170002)).isEqualTo(17);
  }
}
