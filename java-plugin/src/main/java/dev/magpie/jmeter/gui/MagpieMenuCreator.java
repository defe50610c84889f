package dev.magpie.jmeter.gui;

import java.awt.event.KeyEvent;

import javax.swing.JMenu;
import javax.swing.JMenuItem;
import javax.swing.MenuElement;

import org.apache.jmeter.gui.action.ActionRouter;
import org.apache.jmeter.gui.plugin.MenuCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Magpie" menu in JMeter's menu bar (between Tools and Help).
 *
 * <p>JMeter 5.6 finds MenuCreators through {@code META-INF/services/org.apache.jmeter.gui.plugin.MenuCreator}
 * (and by scanning the jars of {@code lib/ext}). Each item fires an action command handled by a
 * {@link org.apache.jmeter.gui.action.Command} registered the same way, so JMeter's
 * {@link ActionRouter} runs it on the EDT. Nothing here loads the native library: that happens
 * when an item is used, so a missing library never costs the menu. The tree's right-click menu
 * gets the items that act on one node from {@link TreePopupItems}.
 */
public class MagpieMenuCreator implements MenuCreator {
    private static final Logger log = LoggerFactory.getLogger(MagpieMenuCreator.class);

    public MagpieMenuCreator() {
        // discovered by JMeter through ServiceLoader / class scanning
    }

    @Override
    public JMenuItem[] getMenuItemsAtLocation(MENU_LOCATION location) {
        return new JMenuItem[0];
    }

    @Override
    public JMenu[] getTopLevelMenus() {
        JMenu menu = new JMenu("Magpie");
        menu.setName("magpie_menu");
        menu.setMnemonic(KeyEvent.VK_M);
        menu.add(item("Import HAR\u2026", KeyEvent.VK_I, ImportHarCommand.IMPORT_HAR));
        menu.add(item("Correlate\u2026", KeyEvent.VK_C, CorrelateCommand.CORRELATE));
        menu.add(item("Create extractor from response\u2026", KeyEvent.VK_E, CreateExtractorCommand.CREATE_EXTRACTOR));
        menu.add(item("Assess plan\u2026", KeyEvent.VK_S, AssessPlanCommand.ASSESS_PLAN));
        menu.add(item("Analyse results\u2026", KeyEvent.VK_R, AnalyseResultsCommand.ANALYSE_RESULTS));
        menu.addSeparator();
        menu.add(item("About Magpie", KeyEvent.VK_A, AboutMagpieCommand.ABOUT));
        TreePopupItems.install();
        log.info("Magpie menu created");
        return new JMenu[] {menu};
    }

    private static JMenuItem item(String text, int mnemonic, String actionCommand) {
        JMenuItem item = commandItem(text, actionCommand);
        item.setMnemonic(mnemonic);
        return item;
    }

    /** A menu item (named after its command) that fires {@code actionCommand} through JMeter's ActionRouter. */
    static JMenuItem commandItem(String text, String actionCommand) {
        JMenuItem item = new JMenuItem(text);
        item.setName(actionCommand);
        item.setActionCommand(actionCommand);
        item.addActionListener(ActionRouter.getInstance());
        return item;
    }

    @Override
    public boolean localeChanged(MenuElement menu) {
        return false;
    }

    @Override
    public void localeChanged() {
        // the Magpie menu is not localised
    }
}
