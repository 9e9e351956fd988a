package org.vas.registry.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Bounds the registry's memory however it is started. A JVM given no heap setting takes a quarter of the machine
 * for its heap; then the registry starts itself once more, as a child JVM with the default options this build
 * recorded (the pom's {@code registry.jvm-options} and {@code MALLOC_ARENA_MAX}, docs/operations.md "Memory"), and
 * this process only waits for it: the child shares standard input, output and error, a TERM here is passed on to
 * it, a child whose parent has gone stops, and the child's exit status is this process's.
 */
public final class BoundedMemory {

    /** Set on the child to its parent's pid: it therefore never starts another one, and watches that one. */
    static final String RELAUNCHED = "registry.relaunched";
    /** Any of these on the JVM's command line is an explicit choice of heap, kept as it is. */
    private static final List<String> HEAP_SETTINGS = List.of("-Xmx", "-XX:MaxHeapSize=", "-XX:MaxRAM=",
            "-XX:MaxRAMPercentage=", "-XX:MaxRAMFraction=");
    /** Read by the launcher or the JVM from the environment; their options are already on the command line. */
    private static final List<String> OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

    private BoundedMemory() {
    }

    /**
     * Runs the registry in a child JVM with the default bounds when this JVM has none.
     *
     * @return the child's exit status, or null when this JVM is bounded (or is the child) and should go on
     */
    public static Integer relaunchIfUnbounded(String[] args, PrintStream err) {
        String parent = System.getProperty(RELAUNCHED);
        if (parent != null) {
            stopWithParent(Long.parseLong(parent));
            return null;
        }
        List<String> jvmArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        Properties build = buildInfo();
        String defaults = build.getProperty("build.jvm-options", "");
        if (defaults.isBlank() || boundsHeap(jvmArguments) || (args.length > 0 && RegistryCommandLine.isHelp(args[0]))) {
            return null;
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(defaults.trim().split("\\s+")));
        command.addAll(jvmArguments);
        command.add("-D" + RELAUNCHED + "=" + ProcessHandle.current().pid());
        command.addAll(entryPoint(System.getProperty("java.class.path"), System.getProperty("sun.java.command", "")));
        command.addAll(Arrays.asList(args));
        err.println("No heap limit given: running the registry with " + defaults.trim()
                + " (docs/operations.md, \"Memory\"); give -Xmx to choose another.");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            Map<String, String> environment = builder.environment();
            OPTION_VARIABLES.forEach(environment::remove);
            String arenas = build.getProperty("build.malloc-arena-max", "");
            if (!arenas.isBlank()) {
                environment.putIfAbsent("MALLOC_ARENA_MAX", arenas);
            }
            Process child = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                child.destroy();
                try {
                    child.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "registry-child-stop"));
            return child.waitFor();
        } catch (IOException e) {
            err.println("Could not start the registry's JVM: " + e.getMessage());
            return RegistryCommandLine.UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RegistryCommandLine.FAILED;
        }
    }

    static boolean boundsHeap(List<String> jvmArguments) {
        return jvmArguments.stream().anyMatch(argument -> HEAP_SETTINGS.stream().anyMatch(argument::startsWith));
    }

    /** How to start the same application again: the jar given to {@code -jar}, or the class path and main class. */
    static List<String> entryPoint(String classPath, String javaCommand) {
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)
                && javaCommand.startsWith(classPath)) {
            return List.of("-jar", classPath);
        }
        String mainClass = javaCommand.split("\\s+", 2)[0];
        return List.of("-cp", classPath, mainClass);
    }

    /** What the build recorded in build-info.properties (the default options), empty outside a build (an IDE). */
    private static Properties buildInfo() {
        Properties build = new Properties();
        try (InputStream in = BoundedMemory.class.getResourceAsStream("/META-INF/build-info.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            build.clear();
        }
        return build;
    }

    /**
     * A parent killed outright cannot pass its signal on; the child then stops by itself, cleanly. The parent is
     * named by pid, not asked of the system: killed before this JVM got here, it would be init.
     */
    private static void stopWithParent(long parentPid) {
        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> System.exit(RegistryCommandLine.FAILED)),
                () -> System.exit(RegistryCommandLine.FAILED));
    }
}
