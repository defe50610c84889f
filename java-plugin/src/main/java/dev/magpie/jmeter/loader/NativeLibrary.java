package dev.magpie.jmeter.loader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Loads the Magpie native library, once per JVM.
 *
 * <p>The jar carries {@code /native/<os>-<arch>/<lib>} (e.g. {@code native/linux-x86_64/libmagpie_jni.so}).
 * {@link #load()} copies it to a per-version cache directory ({@code ${user.home}/.cache/magpie/<version>/},
 * else {@code ${java.io.tmpdir}/magpie-<user>/<version>/}), reusing a previous copy when size and
 * SHA-256 match, writing a new one to a temporary file moved atomically into place, and then
 * {@code System.load}s it.
 *
 * <p>System properties:
 * <ul>
 *   <li>{@value #PATH_PROPERTY}: load this library file instead (development, tests);</li>
 *   <li>{@value #CACHE_PROPERTY}: the cache root instead of {@code ~/.cache/magpie}.</li>
 * </ul>
 */
public final class NativeLibrary {
    /** System property: path of a native library to load instead of the one in the jar. */
    public static final String PATH_PROPERTY = "magpie.native.path";
    /** System property: the cache root (a {@code <version>} directory is created inside). */
    public static final String CACHE_PROPERTY = "magpie.cache.dir";

    static final String LIB_BASE_NAME = "magpie_jni";
    private static final String VERSION_RESOURCE = "/dev/magpie/jmeter/loader/magpie-version.properties";

    private static final Object LOCK = new Object();
    private static volatile Path loaded;

    private NativeLibrary() {
    }

    /**
     * Loads the native library unless already loaded; safe to call from any thread, any number
     * of times.
     *
     * @return the file that was loaded
     * @throws MagpieException if there is no library for this OS/architecture or it cannot be loaded
     */
    public static Path load() {
        Path p = loaded;
        if (p != null) {
            return p;
        }
        synchronized (LOCK) {
            if (loaded == null) {
                Path file = locate();
                try {
                    System.load(file.toString());
                } catch (UnsatisfiedLinkError | SecurityException e) {
                    throw new MagpieException("Magpie: cannot load the native library " + file + " ("
                            + describeHost() + "): " + e.getMessage(), e);
                }
                loaded = file;
            }
            return loaded;
        }
    }

    /** The file loaded by {@link #load()}, or null if nothing is loaded yet. */
    public static Path loadedPath() {
        return loaded;
    }

    /** The product version this jar was built as (from its version resource). */
    public static String version() {
        return buildInfo().getProperty("version", "dev");
    }

    /**
     * The platform directory name for this JVM, e.g. {@code linux-x86_64}.
     *
     * @throws MagpieException when the OS or architecture is not one Magpie knows
     */
    public static String platform() {
        String p = platformOf(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
        if (p == null) {
            throw new MagpieException("Magpie does not support this platform (" + describeHost()
                    + "); native libraries are built for: " + builtPlatforms());
        }
        return p;
    }

    /** {@code <os>-<arch>} for the given {@code os.name}/{@code os.arch}, or null if unknown. */
    static String platformOf(String osName, String osArch) {
        String name = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        String os;
        if (name.startsWith("linux")) {
            os = "linux";
        } else if (name.startsWith("mac") || name.startsWith("darwin")) {
            os = "macos";
        } else if (name.startsWith("windows")) {
            os = "windows";
        } else {
            return null;
        }
        String cpu;
        switch (arch) {
            case "amd64":
            case "x86_64":
            case "x64":
                cpu = "x86_64";
                break;
            case "aarch64":
            case "arm64":
                cpu = "aarch64";
                break;
            default:
                return null;
        }
        return os + "-" + cpu;
    }

    /** The library's file name on a platform: {@code libmagpie_jni.so}, {@code .dylib}, {@code magpie_jni.dll}. */
    static String libraryFileName(String platform) {
        if (platform.startsWith("windows-")) {
            return LIB_BASE_NAME + ".dll";
        }
        if (platform.startsWith("macos-")) {
            return "lib" + LIB_BASE_NAME + ".dylib";
        }
        return "lib" + LIB_BASE_NAME + ".so";
    }

    /** The resource path of the library for a platform, e.g. {@code /native/linux-x86_64/libmagpie_jni.so}. */
    static String resourcePath(String platform) {
        return "/native/" + platform + "/" + libraryFileName(platform);
    }

    // -----------------------------------------------------------------------------------------

    private static Path locate() {
        String explicit = System.getProperty(PATH_PROPERTY);
        if (explicit != null && !explicit.trim().isEmpty()) {
            Path p = Paths.get(explicit.trim()).toAbsolutePath();
            if (!Files.isRegularFile(p)) {
                throw new MagpieException("Magpie: -D" + PATH_PROPERTY + "=" + explicit + " is not a file");
            }
            return p;
        }
        String platform = platform();
        String resource = resourcePath(platform);
        byte[] bytes;
        try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new MagpieException("Magpie has no native library for this platform (" + describeHost()
                        + "): " + resource.substring(1) + " is not in the Magpie jar; it was built for: "
                        + builtPlatforms());
            }
            bytes = readAll(in);
        } catch (IOException e) {
            throw new MagpieException("Magpie: cannot read " + resource + " from the jar: " + e, e);
        }
        return extract(bytes, libraryFileName(platform));
    }

    /** Writes the library into the first usable cache directory, or reuses an identical copy there. */
    private static Path extract(byte[] bytes, String fileName) {
        List<String> problems = new ArrayList<>();
        for (Path dir : cacheDirs()) {
            try {
                return extractInto(dir, bytes, fileName);
            } catch (IOException | RuntimeException e) {
                problems.add(dir + ": " + e);
            }
        }
        throw new MagpieException("Magpie: cannot extract the native library (" + describeHost() + "): "
                + String.join("; ", problems));
    }

    static Path extractInto(Path dir, byte[] bytes, String fileName) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(fileName);
        byte[] want = sha256(bytes);
        if (Files.isRegularFile(target) && Files.size(target) == bytes.length
                && Arrays.equals(sha256(Files.readAllBytes(target)), want)) {
            return target;
        }
        Path tmp = Files.createTempFile(dir, fileName + ".", ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    private static List<Path> cacheDirs() {
        String version = version();
        List<Path> dirs = new ArrayList<>();
        String override = System.getProperty(CACHE_PROPERTY);
        if (override != null && !override.trim().isEmpty()) {
            dirs.add(Paths.get(override.trim(), version));
            return dirs;
        }
        String home = System.getProperty("user.home");
        if (home != null && !home.isEmpty() && !"?".equals(home)) {
            dirs.add(Paths.get(home, ".cache", "magpie", version));
        }
        String tmp = System.getProperty("java.io.tmpdir");
        if (tmp != null && !tmp.isEmpty()) {
            String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
            dirs.add(Paths.get(tmp, "magpie-" + user, version));
        }
        return dirs;
    }

    private static Properties buildInfo() {
        Properties p = new Properties();
        try (InputStream in = NativeLibrary.class.getResourceAsStream(VERSION_RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall back to defaults
        }
        return p;
    }

    private static String builtPlatforms() {
        return buildInfo().getProperty("platforms", "(unknown)");
    }

    private static String describeHost() {
        return "os.name=" + System.getProperty("os.name") + ", os.arch=" + System.getProperty("os.arch");
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
