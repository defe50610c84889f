package dev.magpie.jmeter.gui;

import java.awt.Component;
import java.awt.Desktop;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.event.ActionEvent;
import java.io.File;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import javax.swing.JOptionPane;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;

import org.apache.jmeter.gui.GuiPackage;
import org.apache.jmeter.gui.action.AbstractAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.magpie.jmeter.loader.Magpie;

/**
 * Magpie → Analyse results…: choose a JTL (CSV or XML), let the core summarise it off the EDT and
 * write the self-contained HTML report next to it ({@code <name>.report.html}), show the summary and
 * the diagnosis, and open the HTML report in the browser on request.
 */
public class AnalyseResultsCommand extends AbstractAction {
    private static final Logger log = LoggerFactory.getLogger(AnalyseResultsCommand.class);

    /** Action command of the menu item. */
    public static final String ANALYSE_RESULTS = "magpie_analyse_results";
    static final String TITLE = "Magpie: results";

    @Override
    public Set<String> getActionNames() {
        return Collections.singleton(ANALYSE_RESULTS);
    }

    @Override
    public void doAction(ActionEvent e) {
        Component parent = GuiPackage.getInstance().getMainFrame();
        File jtl = chooseJtl(parent);
        if (jtl == null) {
            return;
        }
        File html = new File(jtl.getParentFile(), jtl.getName().replaceFirst("\\.[^.]*$", "") + ".report.html");
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("jtl_path", jtl.getPath());
        request.put("html_path", html.getPath());
        String json = Json.write(request);
        CoreCall.Outcome outcome = CoreCall.run(parent, "Magpie", "Analysing " + jtl.getName() + "\u2026",
                () -> Magpie.call("report", json));
        Map<String, Object> reply = outcome.replyOrTell(parent, "Analyse results failed", "analysis of " + jtl);
        if (reply == null) {
            return;
        }
        Map<String, Object> overall = Json.object(reply, "overall");
        log.info("Magpie analysed {}: {} samples, {} errors; HTML report {}", jtl.getName(),
                Json.number(overall, "count"), Json.number(overall, "errors"), html);
        show(parent, jtl, html, Json.string(reply, "text"));
    }

    private static File chooseJtl(Component parent) {
        return Dialogs.chooseExistingFile(parent, "magpie_jtl_chooser", "Analyse results",
                "JMeter results (*.jtl, *.csv, *.xml)", "jtl", "csv", "xml");
    }

    /** The summary in a monospaced, scrollable area; "Open HTML report" opens the browser. */
    private static void show(Component parent, File jtl, File html, String text) {
        JTextArea area = new JTextArea(text + "\nHTML report: " + html);
        area.setName("magpie_results_text");
        area.setEditable(false);
        area.setFont(new Font(Font.MONOSPACED, Font.PLAIN, area.getFont().getSize()));
        area.setCaretPosition(0);
        JScrollPane scroll = new JScrollPane(area);
        scroll.setPreferredSize(new Dimension(1000, 520));
        Object[] options = {"Open HTML report", "Close"};
        int answer = JOptionPane.showOptionDialog(parent, scroll, TITLE + " \u2014 " + jtl.getName(),
                JOptionPane.DEFAULT_OPTION, JOptionPane.PLAIN_MESSAGE, null, options, options[1]);
        if (answer != 0) {
            return;
        }
        try {
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(html.toURI());
                log.info("Magpie opened {} in the browser", html);
                return;
            }
        } catch (Exception ex) {
            log.warn("Magpie could not open {} in a browser", html, ex);
        }
        Dialogs.info(parent, "HTML report", "No browser could be started from JMeter here. The report is:\n" + html);
    }
}
