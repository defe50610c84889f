package dev.magpie.jmeter.gui;

import java.awt.event.ActionEvent;
import java.io.File;
import java.util.Collections;
import java.util.Set;

import javax.swing.SwingUtilities;

import org.apache.jmeter.gui.GuiPackage;
import org.apache.jmeter.control.Controller;
import org.apache.jmeter.gui.action.AbstractAction;
import org.apache.jmeter.gui.tree.JMeterTreeNode;
import org.apache.jmeter.testelement.TestPlan;

/**
 * Magpie → Correlate…: choose the recording of the open plan's journey; the dynamic values Magpie
 * finds in it are listed for review (suggest mode) and the chosen ones applied to the tree in
 * one undoable change. With a controller (or thread group) selected, only within it.
 */
public class CorrelateCommand extends AbstractAction {
    /** Action command of the menu item. */
    public static final String CORRELATE = "magpie_correlate";

    @Override
    public Set<String> getActionNames() {
        return Collections.singleton(CORRELATE);
    }

    @Override
    public void doAction(ActionEvent e) {
        GuiPackage gui = GuiPackage.getInstance();
        File har = Dialogs.chooseExistingFile(gui.getMainFrame(), "magpie_correlate_har_chooser",
                "Correlate: the recording of this plan's journey", "HTTP Archive (*.har)", "har");
        if (har == null) {
            return;
        }
        // A controller selected in the tree (not the Test Plan): correlate within it only.
        JMeterTreeNode selected = gui.getTreeListener().getCurrentNode();
        boolean scoped = selected != null && selected.getTestElement() instanceof Controller
                && !(selected.getTestElement() instanceof TestPlan);
        int scope = scoped ? TreeOps.preorder(gui.getTreeModel()).indexOf(selected) : -1;
        String scopeName = scoped ? selected.getName() : null;
        CorrelateDialog dialog = CorrelateDialog.instance(gui.getMainFrame());
        // After this action has returned: outside the undo transaction the ActionRouter keeps open.
        SwingUtilities.invokeLater(() -> dialog.analyseAndShow(har, scope, scopeName));
    }
}
