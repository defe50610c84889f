package dev.magpie.jmeter.gui;

import javax.swing.JMenuItem;
import javax.swing.JPopupMenu;
import javax.swing.JTree;
import javax.swing.MenuElement;
import javax.swing.MenuSelectionManager;
import javax.swing.event.ChangeListener;

import org.apache.jmeter.control.Controller;
import org.apache.jmeter.gui.GuiPackage;
import org.apache.jmeter.gui.tree.JMeterTreeNode;
import org.apache.jmeter.samplers.Sampler;
import org.apache.jmeter.testelement.TestElement;
import org.apache.jmeter.testelement.TestPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Magpie's items in the right-click menu of JMeter's tree: "Create extractor from response…" on a
 * sampler, "Correlate…" on the test plan, a thread group or a controller.
 *
 * <p>JMeter 5.6 has no plugin hook into that menu: each element's GUI builds a new popup per click
 * ({@code JMeterTreeListener.displayPopUp}). But every popup, as it is shown, becomes the selected
 * path of Swing's {@link MenuSelectionManager} before it is laid out, so a listener there can add
 * items to a popup whose invoker is the tree and they are sized and shown with the rest. The items
 * fire the same action commands as the Magpie menu, on the node JMeter selected for the click.
 */
final class TreePopupItems {
    private static final Logger log = LoggerFactory.getLogger(TreePopupItems.class);
    /** Marks a popup already given Magpie's items (the selected path changes many times while it is open). */
    private static final String DONE = "magpie.treePopupItems";
    private static ChangeListener installed;

    private TreePopupItems() {
    }

    /** Adds the listener once per JVM (JMeter builds its menu bar again on a change of language). */
    static synchronized void install() {
        if (installed != null) {
            return;
        }
        installed = e -> {
            MenuElement[] path = MenuSelectionManager.defaultManager().getSelectedPath();
            if (path.length > 0 && path[0] instanceof JPopupMenu) {
                addItemsIfTreePopup((JPopupMenu) path[0]);
            }
        };
        MenuSelectionManager.defaultManager().addChangeListener(installed);
    }

    private static void addItemsIfTreePopup(JPopupMenu popup) {
        if (popup.getClientProperty(DONE) != null) {
            return;
        }
        GuiPackage gui = GuiPackage.getInstance();
        if (gui == null || gui.getTreeListener() == null) {
            return;
        }
        JTree tree = gui.getTreeListener().getJTree();
        if (tree == null || popup.getInvoker() != tree) {
            return;
        }
        popup.putClientProperty(DONE, Boolean.TRUE);
        JMeterTreeNode node = gui.getTreeListener().getCurrentNode();
        if (node == null) {
            return;
        }
        TestElement element = node.getTestElement();
        JMenuItem item;
        if (element instanceof Sampler) {
            item = item("Magpie: Create extractor from response\u2026", CreateExtractorCommand.CREATE_EXTRACTOR);
        } else if (element instanceof Controller || element instanceof TestPlan) {
            item = item("Magpie: Correlate\u2026", CorrelateCommand.CORRELATE);
        } else {
            return;
        }
        popup.addSeparator();
        popup.add(item);
        log.info("Magpie: added '{}' to the tree menu of {}", item.getText(), node.getName());
    }

    private static JMenuItem item(String text, String actionCommand) {
        JMenuItem item = MagpieMenuCreator.commandItem(text, actionCommand);
        item.setName(actionCommand + "_popup");
        return item;
    }
}
