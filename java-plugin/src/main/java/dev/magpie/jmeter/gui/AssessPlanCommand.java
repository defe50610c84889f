package dev.magpie.jmeter.gui;

import java.awt.event.ActionEvent;
import java.util.Collections;
import java.util.Set;

import javax.swing.SwingUtilities;

import org.apache.jmeter.gui.GuiPackage;
import org.apache.jmeter.gui.action.AbstractAction;

/**
 * Magpie → Assess plan…: assesses the plan as the user sees it (saved or not) and shows the
 * score and findings in a non-modal dialog, from which fixes can be previewed and applied.
 */
public class AssessPlanCommand extends AbstractAction {
    /** Action command of the menu item. */
    public static final String ASSESS_PLAN = "magpie_assess_plan";

    @Override
    public Set<String> getActionNames() {
        return Collections.singleton(ASSESS_PLAN);
    }

    @Override
    public void doAction(ActionEvent e) {
        AssessDialog dialog = AssessDialog.instance(GuiPackage.getInstance().getMainFrame());
        // After this action has returned: outside the undo transaction the ActionRouter keeps
        // open around it, as File → Open (a fix reloads the plan).
        SwingUtilities.invokeLater(dialog::assessAndShow);
    }
}
