package dev.magpie.jmeter.gui;

import java.awt.Component;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.magpie.jmeter.loader.Magpie;

/**
 * Changes the core computed for the open plan (Assess fixes, correlations), applied to JMeter's
 * tree in place and undoable: snapshots of the tree as JMeter would save it, tree operations
 * applied with the plan put back if they fail halfway, the reload fallback, and "undo the last
 * change" while the plan is exactly as that change left it. No product logic: the core computes
 * every change and its way back. Call on the EDT.
 */
final class PlanEdits {
    private static final Logger log = LoggerFactory.getLogger(PlanEdits.class);

    private final Component owner;
    /** The plan before and right after the last change applied in place; null when there is none to undo. */
    private String beforeLast;
    private String afterLast;

    PlanEdits(Component owner) {
        this.owner = owner;
    }

    /** The tree the user sees written to a temp file, or null after telling the user why not. */
    static File snapshot(String name, String purpose, Component parent, String dialogTitle) {
        File snapshot = null;
        try {
            snapshot = PlanTree.tempPlanFile();
            PlanTree.saveCurrentTree(snapshot);
            return snapshot;
        } catch (IOException | RuntimeException ex) {
            PlanTree.deleteTemp(snapshot);
            log.error("Magpie could not save {} for {}", name, purpose, ex);
            Dialogs.error(parent, dialogTitle, "The plan could not be written for " + purpose + ": " + ex.getMessage());
            return null;
        }
    }

    static String readQuietly(File file) {
        if (file == null) {
            return null;
        }
        try {
            return new String(Files.readAllBytes(file.toPath()), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            log.warn("Magpie could not read {}", file, ex);
            return null;
        }
    }

    /** The open tree as JMeter would save it, or null (after telling the user) when it cannot be written. */
    String currentText(String name, String title) {
        File snapshot = snapshot(name, "checking", owner, title);
        String text = readQuietly(snapshot);
        PlanTree.deleteTemp(snapshot);
        return text;
    }

    /**
     * Applies tree operations to the open plan; if they fail halfway, puts the plan back as it was
     * ({@code before}) by reloading it. True when applied.
     */
    boolean applyInPlace(String title, String name, List<Object> ops, String before) {
        try {
            PlanTree.applyInPlace(ops);
            return true;
        } catch (Exception ex) {
            log.error("Magpie could not apply the tree operations to {}", name, ex);
            boolean restored = reloadFixed(title, name, PlanTree.planFile(), before);
            Dialogs.error(owner, title, "The change could not be applied to the tree: " + ex.getMessage()
                    + (restored ? "\nThe plan is as it was before." : ""));
            return false;
        }
    }

    /** The fallback: load {@code text} in place of the open plan, under the plan's own name. */
    boolean reloadFixed(String title, String name, String originalFile, String text) {
        File fixed = null;
        try {
            fixed = PlanTree.tempPlanFile();
            PlanTree.write(fixed, text);
            if (!PlanTree.loadFixed(owner, fixed, originalFile)) {
                log.warn("Magpie: JMeter did not load the changed plan for {}", name);
                Dialogs.error(owner, title, "JMeter did not load the changed plan; the open plan is unchanged"
                        + " unless JMeter said otherwise.");
                return false;
            }
            return true;
        } catch (Exception ex) {
            log.error("Magpie could not load the changed plan for {}", name, ex);
            Dialogs.error(owner, title, "The changed plan could not be loaded (the open plan is unchanged): "
                    + ex.getMessage());
            return false;
        } finally {
            PlanTree.deleteTemp(fixed);
        }
    }

    /** Remembers a change just applied in place, for {@link #undo}. */
    void applied(String before, String name, String title) {
        beforeLast = before;
        afterLast = currentText(name, title);
    }

    /** After a change that cannot be undone here (a reload). */
    void forget() {
        beforeLast = null;
        afterLast = null;
    }

    boolean canUndo() {
        return afterLast != null;
    }

    /**
     * Undoes the last change: only while the plan is exactly as that change left it; the core
     * computes the tree operations back, applied in place like the change was. True when undone.
     */
    boolean undo(String title, String what) {
        String name = PlanTree.planName();
        if (afterLast == null) {
            return false;
        }
        File snapshot = snapshot(name, "undoing", owner, title);
        if (snapshot == null) {
            return false;
        }
        String now = readQuietly(snapshot);
        if (now == null || !now.equals(afterLast)) {
            PlanTree.deleteTemp(snapshot);
            Dialogs.error(owner, title, "The plan changed after the " + what + ", so Magpie will not undo it (that"
                    + " would undo your changes too). Use Edit \u2192 Undo, or change it by hand.");
            return false;
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("before_path", snapshot.getPath());
        request.put("after_text", beforeLast);
        String json = Json.write(request);
        CoreCall.Outcome outcome = CoreCall.run(owner, "Magpie", "Undoing the last " + what + " on " + name + "\u2026",
                () -> Magpie.call("tree_ops", json));
        PlanTree.deleteTemp(snapshot);
        Map<String, Object> result = outcome.replyOrTell(owner, title + " failed", "undo of " + name);
        if (result == null || !applyInPlace(title, name, Json.list(result, "ops"), now)) {
            return false;
        }
        log.info("Magpie undid the last {} on {} ({} tree operations)", what, name, Json.list(result, "ops").size());
        forget();
        return true;
    }
}
