package dev.magpie.jmeter.gui;

import java.awt.Component;
import java.awt.event.ActionEvent;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

import org.apache.jmeter.gui.GuiPackage;
import org.apache.jmeter.gui.action.AbstractAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.magpie.jmeter.loader.Magpie;
import dev.magpie.jmeter.loader.NativeLibrary;

/** Magpie → About Magpie: the plugin version and what the native core says about itself. */
public class AboutMagpieCommand extends AbstractAction {
    private static final Logger log = LoggerFactory.getLogger(AboutMagpieCommand.class);

    /** Action command of the menu item. */
    public static final String ABOUT = "magpie_about";

    @Override
    public Set<String> getActionNames() {
        return Collections.singleton(ABOUT);
    }

    @Override
    public void doAction(ActionEvent e) {
        Component parent = GuiPackage.getInstance().getMainFrame();
        CoreCall.Outcome outcome = CoreCall.run(parent, "Magpie", "Loading the Magpie core\u2026", Magpie::version);
        String plugin = "Magpie for Apache JMeter " + NativeLibrary.version();
        if (outcome.failure != null) {
            log.warn("Magpie: native core unavailable: {}", outcome.failure.toString(), outcome.failure);
            Dialogs.error(parent, "About Magpie", plugin + "\n\n" + Dialogs.describe(outcome.failure));
            return;
        }
        log.info("Magpie core {}", outcome.reply);
        Map<String, Object> v;
        try {
            v = Json.parseObject(outcome.reply);
        } catch (RuntimeException ex) {
            log.error("Magpie: unreadable version reply: {}", outcome.reply, ex);
            Dialogs.error(parent, "About Magpie", plugin + "\n\n" + Dialogs.describe(ex));
            return;
        }
        Dialogs.info(parent, "About Magpie", plugin + "\n\nNative core " + Json.string(v, "version")
                + " (" + Json.string(v, "os") + "-" + Json.string(v, "arch") + ")\nLoaded from "
                + NativeLibrary.loadedPath());
    }
}
