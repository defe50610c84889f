package dev.magpie.jmeter.gui;

import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Dialog;
import java.awt.Window;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

import javax.swing.BorderFactory;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.SwingUtilities;
import javax.swing.SwingWorker;
import javax.swing.WindowConstants;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.magpie.jmeter.loader.MagpieException;
import dev.magpie.jmeter.loader.NativeLibrary;

/**
 * Runs one call into the Magpie core on a {@link SwingWorker} while a modal, indeterminate
 * progress dialog keeps the GUI responsive (the EDT is never blocked: the modal dialog pumps events).
 */
final class CoreCall {
    private static final Logger log = LoggerFactory.getLogger(CoreCall.class);

    private CoreCall() {
    }

    /** What a call produced: its JSON reply, or what it threw. */
    static final class Outcome {
        final String reply;
        final Throwable failure;

        private Outcome(String reply, Throwable failure) {
            this.reply = reply;
            this.failure = failure;
        }

        /**
         * The reply as a JSON object, or null after logging ("Magpie {subject} failed: …") and
         * telling the user why there is none in an error dialog titled {@code title}.
         */
        Map<String, Object> replyOrTell(Component parent, String title, String subject) {
            if (failure != null) {
                if (failure instanceof MagpieException) { // the core's message says it all
                    log.warn("Magpie {} failed: {}", subject, failure.getMessage());
                } else {
                    log.error("Magpie {} failed", subject, failure);
                }
                Dialogs.error(parent, title, Dialogs.describe(failure));
                return null;
            }
            try {
                return Json.parseObject(reply);
            } catch (RuntimeException ex) {
                log.error("Magpie {}: unreadable reply: {}", subject, reply, ex);
                Dialogs.error(parent, title, Dialogs.describe(ex));
                return null;
            }
        }
    }

    /**
     * Loads the native library (if needed) and runs {@code call} off the EDT. Call on the EDT;
     * returns when the call has finished.
     */
    static Outcome run(Component parent, String title, String message, Callable<String> call) {
        Window owner = parent == null ? null : SwingUtilities.getWindowAncestor(parent);
        if (owner == null && parent instanceof Window) {
            owner = (Window) parent;
        }
        JDialog dialog = new JDialog(owner, title, Dialog.ModalityType.APPLICATION_MODAL);
        dialog.setName("magpie_progress");
        dialog.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        JProgressBar bar = new JProgressBar();
        bar.setIndeterminate(true);
        JPanel panel = new JPanel(new BorderLayout(0, 10));
        panel.setBorder(BorderFactory.createEmptyBorder(15, 20, 15, 20));
        panel.add(new JLabel(message), BorderLayout.NORTH);
        panel.add(bar, BorderLayout.CENTER);
        dialog.setContentPane(panel);
        dialog.pack();
        dialog.setLocationRelativeTo(owner);

        SwingWorker<String, Void> worker = new SwingWorker<String, Void>() {
            @Override
            protected String doInBackground() throws Exception {
                // Loading first, explicitly: a failure is then a MagpieException with the reason,
                // every time, rather than a class-initialisation error.
                NativeLibrary.load();
                return call.call();
            }

            @Override
            protected void done() {
                dialog.dispose();
            }
        };
        worker.execute();
        dialog.setVisible(true); // returns once done() has disposed the dialog
        try {
            return new Outcome(worker.get(), null);
        } catch (ExecutionException e) {
            return new Outcome(null, e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, e);
        }
    }
}
