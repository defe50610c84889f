package dev.magpie.jmeter.gui;

import java.awt.Component;
import java.awt.Dimension;

import javax.swing.BorderFactory;
import javax.swing.JOptionPane;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;

import dev.magpie.jmeter.loader.MagpieException;

/** Message dialogs: long texts scroll, failures are explained without stack traces. */
final class Dialogs {
    private Dialogs() {
    }

    static void info(Component parent, String title, String text) {
        JOptionPane.showMessageDialog(parent, body(text), title, JOptionPane.INFORMATION_MESSAGE);
    }

    static void error(Component parent, String title, String text) {
        JOptionPane.showMessageDialog(parent, body(text), title, JOptionPane.ERROR_MESSAGE);
    }

    /**
     * An open-file chooser starting in JMeter's last folder; null when cancelled or when the chosen
     * file does not exist (the user is told).
     */
    static java.io.File chooseExistingFile(Component parent, String name, String title, String filterName,
            String... extensions) {
        javax.swing.JFileChooser chooser = new javax.swing.JFileChooser(
                org.apache.jmeter.gui.util.FileDialoger.getLastJFCDirectory());
        chooser.setName(name);
        chooser.setDialogTitle(title);
        chooser.setFileFilter(new javax.swing.filechooser.FileNameExtensionFilter(filterName, extensions));
        if (chooser.showOpenDialog(parent) != javax.swing.JFileChooser.APPROVE_OPTION
                || chooser.getSelectedFile() == null) {
            return null;
        }
        java.io.File file = chooser.getSelectedFile().getAbsoluteFile();
        org.apache.jmeter.gui.util.FileDialoger.setLastJFCDirectory(file.getParent());
        if (!file.isFile()) {
            error(parent, title, "No such file: " + file);
            return null;
        }
        return file;
    }

    /** The user-facing text for a failed core call (the stack trace goes to jmeter.log only). */
    static String describe(Throwable t) {
        if (t instanceof MagpieException) {
            return t.getMessage();
        }
        if (t instanceof LinkageError) {
            return "Magpie's native library could not be loaded:\n" + t
                    + "\n\nReinstall the Magpie jar in lib/ext; details are in jmeter.log.";
        }
        return "Unexpected error: " + t + "\n\nDetails are in jmeter.log.";
    }

    private static Object body(String text) {
        JTextArea area = new JTextArea(text);
        area.setName("magpie_message");
        area.setEditable(false);
        area.setOpaque(false);
        area.setLineWrap(true);
        area.setWrapStyleWord(true);
        area.setBorder(BorderFactory.createEmptyBorder());
        area.setColumns(70);
        int lines = 0;
        for (String line : text.split("\n", -1)) {
            lines += 1 + line.length() / 70;
        }
        int rows = Math.min(25, Math.max(2, lines));
        area.setRows(rows);
        if (rows < 25) {
            return area;
        }
        JScrollPane scroll = new JScrollPane(area);
        scroll.setPreferredSize(new Dimension(640, 420));
        return scroll;
    }

    /** A unified diff in a scrollable, monospaced preview under an HTML headline; true on Apply. */
    static boolean previewDiff(Component parent, String title, String headlineHtml, String diff) {
        javax.swing.JTextArea text = new javax.swing.JTextArea(diff);
        text.setName("magpie_fix_diff");
        text.setEditable(false);
        text.setFont(new java.awt.Font(java.awt.Font.MONOSPACED, java.awt.Font.PLAIN, text.getFont().getSize()));
        text.setCaretPosition(0);
        javax.swing.JScrollPane scroll = new javax.swing.JScrollPane(text);
        scroll.setPreferredSize(new java.awt.Dimension(900, 480));
        javax.swing.JPanel body = new javax.swing.JPanel(new java.awt.BorderLayout(0, 8));
        body.add(new javax.swing.JLabel("<html>" + headlineHtml + "</html>"), java.awt.BorderLayout.NORTH);
        body.add(scroll, java.awt.BorderLayout.CENTER);
        Object[] options = {"Apply", "Cancel"};
        int answer = JOptionPane.showOptionDialog(parent, body, title, JOptionPane.DEFAULT_OPTION,
                JOptionPane.PLAIN_MESSAGE, null, options, options[0]);
        return answer == 0;
    }

    /**
     * The layout Magpie's result dialogs share: {@code top} above, {@code center} filling, and a
     * bottom row with {@code status} on the left and the buttons, then Close (Alt+C), on the right.
     */
    static void layOut(javax.swing.JDialog dialog, Component top, Component center, javax.swing.JLabel status,
            javax.swing.JButton... buttons) {
        javax.swing.JButton close = new javax.swing.JButton("Close");
        close.setMnemonic(java.awt.event.KeyEvent.VK_C);
        close.addActionListener(ev -> dialog.setVisible(false));
        javax.swing.JPanel row = new javax.swing.JPanel(new java.awt.FlowLayout(java.awt.FlowLayout.RIGHT));
        for (javax.swing.JButton b : buttons) {
            row.add(b);
        }
        row.add(close);
        javax.swing.JPanel bottom = new javax.swing.JPanel(new java.awt.BorderLayout());
        status.setBorder(BorderFactory.createEmptyBorder(0, 12, 0, 0));
        bottom.add(status, java.awt.BorderLayout.CENTER);
        bottom.add(row, java.awt.BorderLayout.EAST);
        javax.swing.JPanel content = new javax.swing.JPanel(new java.awt.BorderLayout());
        content.add(top, java.awt.BorderLayout.NORTH);
        content.add(center, java.awt.BorderLayout.CENTER);
        content.add(bottom, java.awt.BorderLayout.SOUTH);
        dialog.setContentPane(content);
    }
}
