package io.blockhouse.tui.screens;

/** Help texts shown from every menu (F1 / h on the main screen, Interface > Help). */
public final class Help {

    public static final String MAIN = """
            Main screen: live status, refreshed every 2 seconds.
            Keys: m or F2 or Enter opens the menu, h or F1 this help, r refreshes now, q quits.
            In menus: arrows or the first letter of an entry move, Enter runs it, Esc goes back.
            In forms: Tab and arrows move between fields, Space ticks a box or picks a choice, Enter on OK submits.
            Everything goes through the daemon's management API; a refusal is shown as the daemon worded it.
            Destructive actions ask first; the safe answer (No) has the focus.

            Typical provisioning: Back-end storage > Create a file system, then Vdisk file: create; Devices > Add
            device (back-end file, path of the vdisk file); Targets > Add target and CHAP of a target; Hosts > Add
            initiator group; LUN mapping > Map a device to a LUN.""";

    public static final String ABOUT = """
            Blockhouse console: the operator's interface of the Blockhouse storage appliance.
            License: GPL-2.0-or-later. Built with Lanterna (LGPL-3.0) and Jackson (Apache-2.0).""";

    private Help() {
    }
}
