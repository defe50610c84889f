package dev.magpie.jmeter.gui;

import java.awt.Component;
import java.awt.event.ActionEvent;
import java.io.File;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import javax.swing.JFileChooser;
import javax.swing.JOptionPane;
import javax.swing.SwingUtilities;
import javax.swing.filechooser.FileNameExtensionFilter;

import org.apache.jmeter.gui.GuiPackage;
import org.apache.jmeter.gui.action.AbstractActionWithNoRunningTest;
import org.apache.jmeter.gui.action.LoadDraggedFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.magpie.jmeter.loader.Magpie;

/**
 * Magpie → Import HAR…: choose a .har, choose where the .jmx goes, let the core convert it, open
 * the plan the way File → Open does, and show the core's summary.
 */
public class ImportHarCommand extends AbstractActionWithNoRunningTest {
    private static final Logger log = LoggerFactory.getLogger(ImportHarCommand.class);

    /** Action command of the menu item. */
    public static final String IMPORT_HAR = "magpie_import_har";

    @Override
    public Set<String> getActionNames() {
        return Collections.singleton(IMPORT_HAR);
    }

    @Override
    protected void doActionAfterCheck(ActionEvent e) {
        Component parent = GuiPackage.getInstance().getMainFrame();
        File har = chooseHar(parent);
        if (har == null) {
            return;
        }
        File jmx = chooseJmx(parent, har);
        if (jmx == null) {
            return;
        }
        log.info("Magpie importing {} into {}", har, jmx);
        String request = requestJson(har, jmx);
        CoreCall.Outcome outcome = CoreCall.run(parent, "Magpie", "Converting " + har.getName() + "\u2026",
                () -> Magpie.har2jmx(request));
        // Open the plan after this action has returned, outside the undo transaction the
        // ActionRouter keeps open around it (File → Open runs outside one too).
        SwingUtilities.invokeLater(() -> finish(e, parent, har, jmx, outcome));
    }

    private static File chooseHar(Component parent) {
        return Dialogs.chooseExistingFile(parent, "magpie_har_chooser", "Import HAR", "HTTP Archive (*.har)", "har");
    }

    private static File chooseJmx(Component parent, File har) {
        String base = har.getName().replaceFirst("(?i)\\.har$", "");
        JFileChooser chooser = new JFileChooser(har.getParentFile());
        chooser.setName("magpie_jmx_chooser");
        chooser.setDialogTitle("Save the JMeter plan as");
        chooser.setFileFilter(new FileNameExtensionFilter("JMeter plan (*.jmx)", "jmx"));
        chooser.setSelectedFile(new File(har.getParentFile(), base + ".jmx"));
        while (true) {
            if (chooser.showSaveDialog(parent) != JFileChooser.APPROVE_OPTION || chooser.getSelectedFile() == null) {
                return null;
            }
            File jmx = chooser.getSelectedFile().getAbsoluteFile();
            if (!jmx.getName().contains(".")) {
                jmx = new File(jmx.getParentFile(), jmx.getName() + ".jmx");
            }
            if (!jmx.exists()) {
                return jmx;
            }
            int answer = JOptionPane.showConfirmDialog(parent, jmx + " already exists.\nReplace it?",
                    "Save the JMeter plan as", JOptionPane.YES_NO_CANCEL_OPTION, JOptionPane.WARNING_MESSAGE);
            if (answer == JOptionPane.YES_OPTION) {
                return jmx;
            }
            if (answer != JOptionPane.NO_OPTION) {
                return null;
            }
            // NO: choose another name
        }
    }

    private static String requestJson(File har, File jmx) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("har_path", har.getPath());
        request.put("output_path", jmx.getPath());
        request.put("options", Collections.emptyMap());
        return Json.write(request);
    }

    private static void finish(ActionEvent e, Component parent, File har, File jmx, CoreCall.Outcome outcome) {
        Map<String, Object> summary = outcome.replyOrTell(parent, "Import HAR failed", "import of " + har);
        if (summary == null) {
            return;
        }
        String written = Json.string(summary, "output_path");
        File plan = written.isEmpty() ? jmx : new File(written);
        log.info("Magpie imported {}: {} samplers, {} transactions, {} correlations",
                plan, Json.number(summary, "samplers"), Json.number(summary, "transactions"),
                Json.list(summary, "correlations").size());

        // Same path as dropping a .jmx on JMeter: asks to save a modified plan, then File → Open.
        LoadDraggedFile.loadProject(e, plan);
        String opened = GuiPackage.getInstance().getTestPlanFile();
        boolean isOpen = opened != null && new File(opened).getAbsoluteFile().equals(plan.getAbsoluteFile());
        if (isOpen) {
            log.info("Magpie opened {} in the tree", plan);
        } else {
            log.info("Magpie wrote {} but did not open it (current plan: {})", plan, opened);
        }
        Dialogs.info(parent, "Import HAR", summaryText(har, plan, summary, isOpen));
    }

    /** The core's own summary text, with where the plan went. */
    static String summaryText(File har, File plan, Map<String, Object> s, boolean opened) {
        String head = har.getName() + " \u2192 " + plan + (opened ? "" : "\n(written, not opened)");
        return head + "\n\n" + Json.string(s, "text").trim();
    }
}
