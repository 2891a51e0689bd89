package org.chtbackup.verify.scratch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.chtbackup.contracts.testing.Requirements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process launcher booting a scratch cluster with real Erlang VMs (Debian's erlang-base and erlang-inets). The
 * installation stands in for CouchDB's ({@link ProcessScratchCouchDbPrivateEpmdTest}): bin/couchdb execs the real
 * {@code erl -args_file $COUCHDB_ARGS_FILE}, serves {@code /_up} on the ini's port, and in place of mem3 pings the
 * nodes named in the restored {@code _nodes.couch} and writes {@code /_membership} from {@code nodes()}. So the
 * cluster joins only if Erlang distribution works as generated: names resolved through ERL_INETRC, each node on
 * its own loopback address, one static distribution port and no epmd, one shared cookie.
 */
class ProcessScratchClusterTest {

    static final List<String> NODES = RestoredCluster.NODES;

    @TempDir
    Path dir;

    @BeforeAll
    static void erlang() {
        Requirements.require(LaunchedProcesses.onPath("erl"), "Erlang (erl) is not installed; .ci/run installs Debian's erlang-base and"
                + " erlang-inets");
    }

    @Test
    void threeNodesJoinByTheirSourceNamesWithoutEpmdAndLeaveNothingRunning() throws Exception {
        Path work = dir.resolve("work");
        ProcessScratchCouchDb launcher = new ProcessScratchCouchDb(install(), work, Duration.ofSeconds(60));
        List<ScratchCouchDb.ClusterNode> nodes = RestoredCluster.in(dir);
        try (ScratchCouchDb.Running cluster = launcher.startCluster(nodes, "3.4.3")) {
            CouchDbHttp.Membership membership = cluster.http().membership();
            assertThat(membership.clusterNodes()).containsExactlyElementsOf(NODES);
            assertThat(membership.allNodes()).containsExactlyElementsOf(NODES);
            assertThat(cluster.description()).contains("cluster of 3 nodes");
            assertThat(LaunchedProcesses.startedFrom(work)).as("three VMs and no epmd").doesNotContain("epmd")
                    .filteredOn("beam.smp"::equals).hasSize(3);
            for (int i = 0; i < 3; i++) {
                List<String> seen = Files.readAllLines(nodes.get(i).dataDir().resolve("standin-seen"));
                assertThat(seen.get(0)).isEqualTo("node=" + NODES.get(i));
                assertThat(seen.get(1)).as("its own loopback address").matches("interface=\\{127,\\d+,\\d+," + (i + 1) + "\\}");
                assertThat(seen.get(2)).startsWith("resolves=couchdb-3.local:{127,");
            }
        }
        assertThat(LaunchedProcesses.leftFrom(work)).as("processes left after the drill").isEmpty();
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).as("configuration left after the drill").isEmpty();
        }
    }

    @Test
    void aNodeUnderAnotherNameNeverJoinsAndTheBootFailsLeavingNothingRunning() throws Exception {
        Path work = dir.resolve("work");
        ProcessScratchCouchDb launcher = new ProcessScratchCouchDb(install(), work, Duration.ofSeconds(8));
        List<ScratchCouchDb.ClusterNode> nodes = new ArrayList<>(RestoredCluster.in(dir));
        nodes.set(2, new ScratchCouchDb.ClusterNode("couchdb@elsewhere.local", nodes.get(2).dataDir()));

        assertThatThrownBy(() -> launcher.startCluster(nodes, "3.4.3")).isInstanceOf(ScratchBootFailed.class)
                .hasMessageContaining("did not join within 8 s").hasMessageContaining("couchdb@couchdb-3.local");
        assertThat(LaunchedProcesses.leftFrom(work)).as("processes left after a failed boot").isEmpty();
        try (Stream<Path> left = Files.walk(work)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("credentials left after a failed boot")
                    .doesNotContain("drill.ini", ".erlang.cookie");
        }
    }

    /** A CouchDB installation whose bin/couchdb runs a real Erlang node doing what the test needs of mem3. */
    private Path install() throws IOException {
        Path install = dir.resolve("opt-couchdb");
        Files.createDirectories(install.resolve("etc"));
        Files.writeString(install.resolve("etc/default.ini"), "; stand-in\n");
        Path script = Files.writeString(install.resolve("standin.script"), """
                Port = list_to_integer(os:getenv("STANDIN_PORT")),
                Www = os:getenv("STANDIN_WWW"),
                Data = os:getenv("STANDIN_DATA"),
                ok = inets:start(),
                {ok, _} = inets:start(httpd, [{port, Port}, {bind_address, {127,0,0,1}}, {server_name, "scratch"},
                    {server_root, Www}, {document_root, Www}, {modules, [mod_get]}]),
                Names = fun Names(<<109, L:32, Rest/binary>>, Acc) when L > 2, L < 256, byte_size(Rest) >= L ->
                                <<N:L/binary, _/binary>> = Rest,
                                case re:run(N, "^[A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+$") of
                                    {match, _} -> Names(Rest, [binary_to_atom(N) | Acc]);
                                    nomatch -> Names(Rest, Acc)
                                end;
                            Names(<<_, Rest/binary>>, Acc) -> Names(Rest, Acc);
                            Names(<<>>, Acc) -> lists:usort(Acc)
                        end,
                {ok, NodesDb} = file:read_file(filename:join(Data, "_nodes.couch")),
                Peers = Names(NodesDb, []),
                {ok, [[Interface]]} = case application:get_env(kernel, inet_dist_use_interface) of
                    {ok, I} -> {ok, [[io_lib:format("~w", [I])]]}; undefined -> {ok, [["none"]]} end,
                Resolved = io_lib:format("~w", [element(2, inet:getaddr("couchdb-3.local", inet))]),
                ok = file:write_file(filename:join(Data, "standin-seen"), ["node=", atom_to_list(node()), "\\n",
                    "interface=", Interface, "\\n", "resolves=couchdb-3.local:", Resolved, "\\n"]),
                Json = fun(L) -> lists:join(",", [[$", atom_to_list(A), $"] || A <- L]) end,
                Loop = fun Loop() ->
                           [net_adm:ping(P) || P <- Peers, P =/= node()],
                           %% written aside and renamed, so httpd never serves a file half rewritten
                           Tmp = filename:join(Www, "membership.tmp"),
                           ok = file:write_file(Tmp, ["{\\"all_nodes\\":[",
                               Json(lists:usort([node() | nodes()])), "],\\"cluster_nodes\\":[", Json(Peers), "]}"]),
                           ok = file:rename(Tmp, filename:join(Www, "_membership")),
                           timer:sleep(300),
                           Loop()
                       end,
                spawn(Loop).
                """);
        Path bin = Files.createDirectories(install.resolve("bin")).resolve("couchdb");
        Files.writeString(bin, "#!/bin/sh\n"
                + "# stand-in for CouchDB's bin/couchdb: same environment contract, real Erlang VM\n"
                + "set -e\n"
                + "ini=${COUCHDB_INI_FILES##* }\n"
                + "export STANDIN_PORT=$(sed -n 's/^port = //p' \"$ini\" | head -n 1)\n"
                + "export STANDIN_DATA=$(sed -n 's/^database_dir = //p' \"$ini\" | head -n 1)\n"
                + "export STANDIN_WWW=\"$HOME/www\"\n"
                + "mkdir -p \"$STANDIN_WWW\" && echo '{\"status\":\"ok\"}' > \"$STANDIN_WWW/_up\"\n"
                + "exec erl -args_file \"$COUCHDB_ARGS_FILE\" -eval '{ok, _} = file:script(\"" + script + "\").'\n");
        assertThat(bin.toFile().setExecutable(true)).isTrue();
        return install;
    }
}
