package dev.hoist.cli.run;

import dev.hoist.build.image.ChainedImageSource;
import dev.hoist.build.image.ImageSource;
import dev.hoist.build.image.RegistryImageSource;
import dev.hoist.build.image.ResolvedImage;
import dev.hoist.build.image.StoreImageSource;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.cli.UsageException;
import dev.hoist.cli.registry.RegistryOptions;
import dev.hoist.oci.ContainerConfig;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.Platform;
import dev.hoist.runtime.ContainerRunner;
import dev.hoist.runtime.NetworkMode;
import dev.hoist.runtime.Output;
import dev.hoist.runtime.RunRequest;
import dev.hoist.runtime.RunResult;
import dev.hoist.runtime.mount.MountContext;
import dev.hoist.runtime.mount.RunMount;
import dev.hoist.runtime.mount.Secrets;
import dev.hoist.runtime.snapshot.LayerSnapshots;
import dev.hoist.runtime.snapshot.Snapshot;
import dev.hoist.runtime.snapshot.Snapshotter;
import dev.hoist.runtime.snapshot.StoreLayers;
import dev.hoist.runtime.spec.HostTerminal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hoist run IMAGE [CMD...]}: runs a command in an image (from the local store, else pulled
 * from its registry into the store) with the same runtime as RUN steps, stdin/stdout/stderr attached, and exits with the command's status (as Docker: 127 when the
 * program is not in the image, 126 when it cannot be executed, with one message). The
 * container's file system changes are thrown away afterwards ({@code --rm} is the only mode).
 */
@Command(name = "run", description = "Run a command in an image (from the store, else its registry).", sortOptions = false,
    modelTransformer = RunCommand.StopAtImage.class)
public final class RunCommand implements Callable<Integer> {
  /** Options after IMAGE belong to the command ({@code hoist run img sh -c ...}). */
  static final class StopAtImage implements picocli.CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec commandSpec) {
      commandSpec.parser().stopAtPositional(true);
      return commandSpec;
    }
  }

  @Spec CommandSpec spec;

  @Option(names = "--rm", description = "Remove the container's changes afterwards (always done; accepted for Docker compatibility).")
  boolean rm;

  @Option(names = {"-t", "--tty"}, description = "Give the command a pseudo-terminal (needs crun or runc; hoist must run in a terminal).")
  boolean tty;

  @Option(names = {"-i", "--interactive"}, description = "Keep stdin attached (always done; accepted for Docker compatibility).")
  boolean interactive;

  @Option(names = {"-e", "--env"}, paramLabel = "KEY[=VALUE]", description = "Set an environment variable (KEY alone: from hoist's environment).")
  List<String> env = new ArrayList<>();

  @Option(names = {"-v", "--volume"}, paramLabel = "HOST:CONTAINER[:ro]", description = "Bind a host path into the container.")
  List<String> volumes = new ArrayList<>();

  @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory in the container.")
  String workdir;

  @Option(names = {"-u", "--user"}, paramLabel = "USER[:GROUP]", description = "User to run as (name or uid, as USER takes it).")
  String user;

  @Option(names = "--network", paramLabel = "host|none", defaultValue = "host", description = "Network: the host's (default) or none.")
  String network;

  @Option(names = "--runtime", paramLabel = "crun|runc|bwrap", description = "OCI runtime (default: the first found of crun, runc, bwrap).")
  String runtime;

  @Option(names = "--platform", paramLabel = "OS/ARCH", description = "Platform of the image to run (default: this machine's).")
  String platform;

  @Option(names = "--pull", description = "Fetch the image from its registry even when the store has it.")
  boolean pull;

  @Option(names = "--entrypoint", paramLabel = "CMD", description = "Replace the image's Entrypoint and drop its Cmd (empty string: none).")
  String entrypoint;

  @Option(names = "--hostname", paramLabel = "NAME", defaultValue = "hoist", description = "The container's hostname.")
  String hostname;

  @Mixin RegistryOptions registry;

  @Parameters(index = "0", paramLabel = "IMAGE")
  String image;

  @Parameters(index = "1..*", paramLabel = "CMD", description = "Command and arguments (default: the image's).")
  List<String> command = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (tty && !HostTerminal.stdinIsTerminal()) {
      throw new HoistException("the input device is not a TTY: hoist run -t needs stdin to be a terminal (drop -t)");
    }
    List<RunMount> mounts = mounts();
    LocalStore store = LocalStore.open(LocalStore.defaultHome());
    Platform wanted = platform == null ? Platform.host() : Platform.parse(platform);
    ImageSource fromRegistry = new RegistryImageSource(store, registry.clients());
    ImageSource images = pull ? fromRegistry : new ChainedImageSource(List.of(new StoreImageSource(store), fromRegistry));
    ResolvedImage img = images.find(image, wanted)
        .orElseThrow(() -> new HoistException("no such image: " + image));
    ContainerConfig cfg = img.config().config();
    List<String> argv = argv(cfg);
    List<String> environment = environment(cfg.env());
    Path home = store.home();
    Consumer<String> warnings = w -> spec.commandLine().getErr().println(w);
    ContainerRunner runner = ContainerRunner.system(Optional.ofNullable(runtime),
        new MountContext(home.resolve("cache-mounts"), Secrets.none(), MountContext.sshFromEnvironment()), false,
        warnings);
    RunRequest request = new RunRequest(argv, environment, workdir != null ? workdir : cfg.workingDir(),
        user != null ? user : cfg.user(), hostname, NetworkMode.parse(network), mounts, tty ? Output.terminal() : Output.inherit(),
        img.config().architecture().isEmpty() ? wanted : img.config().platform().withoutOsDetails(), false);
    LayerSnapshots snapshots = new LayerSnapshots(home.resolve("snapshots"), runner.userNamespace(), warnings);
    Snapshotter snapshotter = Snapshotter.auto(home.resolve("snapshots/work"), runner.userNamespace());
    spec.commandLine().getOut().flush();
    try (snapshotter;
         LayerSnapshots.Lease lease = snapshots.acquire(StoreLayers.of(store, img.layers(), img.config()));
         Snapshot snapshot = snapshotter.prepare(lease.lowers())) {
      runner.resolveUser(snapshot, request.user());
      Optional<CommandLookup.Failure> unstartable = new CommandLookup(lease.lowers(),
          mounts.stream().map(RunMount::target).toList()).check(argv.get(0), environment, request.workdir());
      if (unstartable.isPresent()) {
        spec.commandLine().getErr().println("hoist: " + unstartable.get().message());
        return unstartable.get().exitCode();
      }
      RunResult result = runner.run(snapshot, request);
      return result.exitCode();
    }
  }

  /** As Docker: --entrypoint also drops the image's Cmd, so only the arguments after IMAGE follow it. */
  private List<String> argv(ContainerConfig cfg) {
    List<String> argv = new ArrayList<>(entrypoint == null ? cfg.entrypoint().orElse(List.of())
        : entrypoint.isEmpty() ? List.of() : List.of(entrypoint));
    argv.addAll(!command.isEmpty() ? command : entrypoint == null ? cfg.cmd().orElse(List.of()) : List.of());
    if (argv.isEmpty()) {
      throw new UsageException(entrypoint != null
          ? "no command given: --entrypoint \"\" drops the image's Entrypoint and Cmd"
          : "no command given and image " + image + " has no Entrypoint or Cmd");
    }
    return argv;
  }

  private List<String> environment(List<String> imageEnv) {
    List<String> out = new ArrayList<>(imageEnv);
    for (String e : env) {
      int eq = e.indexOf('=');
      if (eq == 0) {
        throw new UsageException("invalid --env " + e + " (want KEY=VALUE or KEY)");
      }
      if (eq < 0) {
        String v = System.getenv(e);
        if (v == null) {
          continue;
        }
        e = e + "=" + v;
      }
      String key = e.substring(0, e.indexOf('='));
      out.removeIf(x -> x.equals(key) || x.startsWith(key + "="));
      out.add(e);
    }
    return out;
  }

  private List<RunMount> mounts() {
    List<RunMount> out = new ArrayList<>();
    for (String v : volumes) {
      String[] parts = v.split(":", -1);
      if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || !parts[1].startsWith("/")
          || (parts.length == 3 && !List.of("ro", "rw").contains(parts[2]))) {
        throw new UsageException("invalid --volume " + v + " (want HOST:CONTAINER[:ro])");
      }
      Path source = Path.of(parts[0]).toAbsolutePath();
      if (!source.toFile().exists()) {
        throw new HoistException("volume source " + source + " does not exist");
      }
      out.add(new RunMount.VolumeMount(source, parts[1], parts.length == 3 && parts[2].equals("ro")));
    }
    return out;
  }

}
