package dev.magpie.jmeter.gui;

import java.awt.event.ActionEvent;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import javax.swing.JTree;
import javax.swing.SwingUtilities;
import javax.swing.tree.TreePath;

import org.apache.jmeter.gui.GuiPackage;
import org.apache.jmeter.gui.action.ActionNames;
import org.apache.jmeter.gui.action.ActionRouter;
import org.apache.jmeter.gui.action.LoadDraggedFile;
import org.apache.jmeter.gui.tree.JMeterTreeNode;
import org.apache.jmeter.save.SaveService;
import org.apache.jmeter.services.FileServer;
import org.apache.jorphan.collections.HashTree;
import org.apache.jorphan.collections.ListedHashTree;

/**
 * JMeter GUI glue for Assess plan…: write the tree the user sees to a file, select the n-th element
 * of the tree, and load a fixed plan in place of the current one. All calls on the EDT.
 */
final class PlanTree {
    private PlanTree() {
    }

    /** The open plan's file, or null for a plan that was never saved. */
    static String planFile() {
        return GuiPackage.getInstance().getTestPlanFile();
    }

    /** The name to show and log for the open plan. */
    static String planName() {
        String file = planFile();
        return file == null ? "the unsaved plan" : new File(file).getName();
    }

    /** A fresh private temp directory holding {@code <plan name>.jmx} (not yet written). */
    static File tempPlanFile() throws IOException {
        File dir = Files.createTempDirectory("magpie-assess").toFile();
        dir.deleteOnExit();
        String file = planFile();
        File plan = new File(dir, file == null ? "untitled.jmx" : new File(file).getName());
        plan.deleteOnExit();
        return plan;
    }

    /** Deletes a file made by {@link #tempPlanFile()} and its directory. */
    static void deleteTemp(File plan) {
        if (plan != null) {
            plan.delete();
            File dir = plan.getParentFile();
            if (dir != null) {
                dir.delete();
            }
        }
    }

    /**
     * Writes the current tree (saved or not, including edits in the open element panel) to
     * {@code out}, the way File → Save does: the tree model's test plan, its nodes replaced by
     * their test elements, through {@link SaveService#saveTree}.
     */
    static void saveCurrentTree(File out) throws IOException {
        GuiPackage gui = GuiPackage.getInstance();
        gui.updateCurrentNode(); // the element panel's edits into its test element
        HashTree tree = TreeOps.testPlanElements(gui.getTreeModel());
        try (OutputStream stream = Files.newOutputStream(out.toPath())) {
            SaveService.saveTree(tree, stream);
        }
    }

    /**
     * Selects the {@code index}-th element of a depth-first, pre-order walk from the Test Plan
     * (0 = the Test Plan; the core's {@code element}) in JMeter's tree and scrolls to it.
     *
     * @return the selected node's name, or null when the tree has fewer elements
     */
    static String selectElement(int index) {
        List<JMeterTreeNode> nodes = TreeOps.preorder(GuiPackage.getInstance().getTreeModel());
        if (index < 0 || index >= nodes.size()) {
            return null;
        }
        select(nodes.get(index));
        return nodes.get(index).getName();
    }

    /** Selects {@code node} in JMeter's tree and scrolls to it. */
    static void select(JMeterTreeNode node) {
        TreePath path = new TreePath(node.getPath());
        JTree jTree = GuiPackage.getInstance().getTreeListener().getJTree();
        jTree.setSelectionPath(path);
        jTree.scrollPathToVisible(path);
    }

    /**
     * Replaces the open plan with {@code fixed} the way File → Open does, then gives the plan back
     * its own file name (or none) and marks it modified, so the user decides when to save; the
     * user's file is never written here.
     *
     * @param source the component the load is attributed to
     * @param fixed the fixed plan, a temp file named like the user's plan
     * @param originalFile the plan's own file before the fix (null: never saved)
     * @return true if JMeter loaded the fixed plan
     */
    static boolean loadFixed(Object source, File fixed, String originalFile) throws Exception {
        // Read it before anything is closed: a plan JMeter cannot load must not cost the open one.
        if (SaveService.loadTree(fixed) == null) {
            throw new IOException("JMeter could not read the fixed plan");
        }
        GuiPackage gui = GuiPackage.getInstance();
        ActionEvent event = new ActionEvent(source, ActionEvent.ACTION_PERFORMED, AssessPlanCommand.ASSESS_PLAN);
        // The fixed plan carries every unsaved edit of the open one, so closing it must not ask
        // "save before clearing?": tell JMeter's dirty tracker the tree as it is now is the saved one.
        ActionRouter.getInstance().doActionNow(
                new ActionEvent(gui.getTreeModel().getTestPlan(), event.getID(), ActionNames.SUB_TREE_SAVED));
        LoadDraggedFile.loadProject(event, fixed);
        String loaded = gui.getTestPlanFile();
        if (loaded == null || !new File(loaded).getAbsoluteFile().equals(fixed.getAbsoluteFile())) {
            return false;
        }
        if (originalFile != null) {
            FileServer.getFileServer().setBaseForScript(new File(originalFile));
        } else {
            FileServer.getFileServer().setScriptName(null);
        }
        gui.setTestPlanFile(originalFile);
        // JMeter queues "remember the loaded tree as saved" (ADD_ALL, SUB_TREE_LOADED) behind this
        // event; after those, forget every saved element, so the plan stays modified until saved.
        SwingUtilities.invokeLater(() -> forgetSavedState());
        return true;
    }

    /**
     * Applies the core's tree operations to the open plan in place: one step of JMeter's undo
     * history (when {@code undo.history.size} > 0), the plan marked modified until saved, the element
     * panel showing the changed element.
     */
    static void applyInPlace(List<Object> ops) throws Exception {
        GuiPackage gui = GuiPackage.getInstance();
        gui.updateCurrentNode();
        List<JMeterTreeNode> touched;
        gui.beginUndoTransaction();
        try {
            touched = TreeOps.apply(gui.getTreeModel(), ops);
        } finally {
            gui.endUndoTransaction();
        }
        forgetSavedState();
        if (!touched.isEmpty()) {
            select(touched.get(0));
        }
        gui.refreshCurrentGui();
        gui.getMainFrame().repaint();
    }

    /**
     * Makes JMeter's dirty tracker forget the saved state, so the plan counts as modified (File →
     * Close asks to save) until the user saves it.
     */
    private static void forgetSavedState() {
        ActionRouter.getInstance().doActionNow(
                new ActionEvent(new ListedHashTree(), ActionEvent.ACTION_PERFORMED, ActionNames.SUB_TREE_SAVED));
        GuiPackage.getInstance().setDirty(true);
    }

    /** Writes {@code text} (UTF-8) to {@code file}. */
    static void write(File file, String text) throws IOException {
        Files.write(file.toPath(), text.getBytes(StandardCharsets.UTF_8));
    }
}
