package dev.magpie.jmeter.gui;

import java.awt.event.ActionEvent;
import java.io.File;
import java.util.Collections;
import java.util.Set;

import javax.swing.SwingUtilities;

import org.apache.jmeter.gui.GuiPackage;
import org.apache.jmeter.gui.action.AbstractAction;

/**
 * Magpie → Correlate…: choose the recording of the open plan's journey; the dynamic values Magpie
 * finds in it are listed for review (suggest mode) and the chosen ones applied to the tree in
 * one undoable change.
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
        CorrelateDialog dialog = CorrelateDialog.instance(gui.getMainFrame());
        // After this action has returned: outside the undo transaction the ActionRouter keeps open.
        SwingUtilities.invokeLater(() -> dialog.analyseAndShow(har));
    }
}
