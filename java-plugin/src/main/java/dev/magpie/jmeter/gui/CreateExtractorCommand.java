package dev.magpie.jmeter.gui;

import java.awt.event.ActionEvent;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import javax.swing.SwingUtilities;

import org.apache.jmeter.gui.GuiPackage;
import org.apache.jmeter.gui.action.AbstractAction;
import org.apache.jmeter.gui.tree.JMeterTreeNode;
import org.apache.jmeter.samplers.Sampler;

/**
 * Magpie → Create extractor from response…: for the sampler selected in the tree, pick a value in
 * its response (the last result a View Results Tree shows, a recording, or pasted text), get the
 * core's validated extractors for it, insert one under the sampler (and optionally replace later
 * literals of the value). From the Magpie menu it acts on the tree's selection; a sampler's
 * right-click menu has it too ({@link TreePopupItems}).
 */
public class CreateExtractorCommand extends AbstractAction {
    /** Action command of the menu item. */
    public static final String CREATE_EXTRACTOR = "magpie_create_extractor";

    @Override
    public Set<String> getActionNames() {
        return Collections.singleton(CREATE_EXTRACTOR);
    }

    @Override
    public void doAction(ActionEvent e) {
        GuiPackage gui = GuiPackage.getInstance();
        JMeterTreeNode node = gui.getTreeListener().getCurrentNode();
        if (node == null || !(node.getTestElement() instanceof Sampler)) {
            Dialogs.error(gui.getMainFrame(), "Create extractor from response",
                    "Select a sampler in the tree first: the extractor goes under it.");
            return;
        }
        List<JMeterTreeNode> nodes = TreeOps.preorder(gui.getTreeModel());
        int index = nodes.indexOf(node);
        CreateExtractorDialog dialog = CreateExtractorDialog.instance(gui.getMainFrame());
        SwingUtilities.invokeLater(() -> dialog.showFor(node, index));
    }
}
