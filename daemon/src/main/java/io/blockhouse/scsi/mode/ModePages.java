package io.blockhouse.scsi.mode;

import io.blockhouse.scsi.sense.SenseCodes;
import io.blockhouse.scsi.sense.SenseException;
import java.util.HashMap;
import java.util.Map;

/**
 * The mode pages of one logical unit (shared by all initiators, which is why a change raises MODE PARAMETERS
 * CHANGED for the others): 01h read-write error recovery, 08h caching and 0Ah control.
 *
 * <p>Changeable fields: WCE (caching), D_SENSE, SWP and TAS (control). Parameters cannot be saved, so "saved" values
 * do not exist and a reset (LOGICAL UNIT RESET, target reset) returns to the default values (SPC-4 7.5.2).
 */
public final class ModePages {
    public static final int PAGE_RW_ERROR_RECOVERY = 0x01;
    public static final int PAGE_CACHING = 0x08;
    public static final int PAGE_CONTROL = 0x0A;
    public static final int ALL_PAGES = 0x3F;

    /** Page codes in the order MODE SENSE with page code 3Fh returns them. */
    public static final int[] PAGE_CODES = {PAGE_RW_ERROR_RECOVERY, PAGE_CACHING, PAGE_CONTROL};

    /** Page control values of MODE SENSE byte 2 bits 7-6. */
    public enum Control { CURRENT, CHANGEABLE, DEFAULT, SAVED }

    private static final int WCE = 0x04;
    private static final int D_SENSE = 0x04;
    private static final int GLTSD = 0x02;
    private static final int QAM_UNRESTRICTED = 0x10;
    private static final int SWP = 0x08;
    private static final int TAS = 0x40;

    private final boolean defaultWce;
    private final boolean wceChangeable;
    private boolean wce;
    private boolean dSense;
    private boolean swp;
    private boolean tas;

    /**
     * @param defaultWce    initial and default write cache enable
     * @param wceChangeable whether MODE SELECT may toggle WCE: false when the back-end has no volatile cache, since
     *                      there is then no cache to enable
     */
    public ModePages(boolean defaultWce, boolean wceChangeable) {
        this.defaultWce = defaultWce;
        this.wceChangeable = wceChangeable;
        resetToDefaults();
    }

    public synchronized boolean writeCacheEnabled() {
        return wce;
    }

    public synchronized boolean descriptorSense() {
        return dSense;
    }

    public synchronized boolean softwareWriteProtect() {
        return swp;
    }

    /** TAS: tasks aborted by another I_T nexus end with TASK ABORTED status rather than silently. */
    public synchronized boolean taskAbortedStatus() {
        return tas;
    }

    /** Returns every changeable parameter to its default (there are no saved values). */
    public synchronized void resetToDefaults() {
        wce = defaultWce;
        dSense = false;
        swp = false;
        tas = true;
    }

    public static boolean supports(int pageCode) {
        for (int p : PAGE_CODES) {
            if (p == pageCode) {
                return true;
            }
        }
        return false;
    }

    /** The page as MODE SENSE returns it for page control {@code pc} (not SAVED). */
    public synchronized byte[] page(int pageCode, Control pc) {
        return switch (pc) {
            case CURRENT -> build(pageCode, wce, dSense, swp, tas);
            case DEFAULT -> build(pageCode, defaultWce, false, false, true);
            case CHANGEABLE -> changeable(pageCode);
            case SAVED -> throw new IllegalArgumentException("saved values are not supported");
        };
    }

    private static byte[] build(int pageCode, boolean wce, boolean dSense, boolean swp, boolean tas) {
        switch (pageCode) {
            case PAGE_RW_ERROR_RECOVERY: {
                byte[] p = new byte[12];
                p[0] = PAGE_RW_ERROR_RECOVERY;
                p[1] = 0x0A;
                p[2] = (byte) 0xC0; // AWRE, ARRE: the back-end's own remapping is automatic
                return p;
            }
            case PAGE_CACHING: {
                byte[] p = new byte[20];
                p[0] = PAGE_CACHING;
                p[1] = 0x12;
                p[2] = (byte) (wce ? WCE : 0);
                return p;
            }
            case PAGE_CONTROL: {
                byte[] p = new byte[12];
                p[0] = PAGE_CONTROL;
                p[1] = 0x0A;
                p[2] = (byte) ((dSense ? D_SENSE : 0) | GLTSD);
                p[3] = QAM_UNRESTRICTED;
                p[4] = (byte) (swp ? SWP : 0);
                p[5] = (byte) (tas ? TAS : 0);
                return p;
            }
            default:
                throw new IllegalArgumentException("unsupported mode page " + pageCode);
        }
    }

    private byte[] changeable(int pageCode) {
        byte[] p = build(pageCode, false, false, false, false);
        for (int i = 2; i < p.length; i++) {
            p[i] = 0;
        }
        if (pageCode == PAGE_CACHING) {
            p[2] = (byte) (wceChangeable ? WCE : 0);
        } else if (pageCode == PAGE_CONTROL) {
            p[2] = D_SENSE;
            p[4] = SWP;
            p[5] = TAS;
        }
        return p;
    }

    /**
     * Applies the mode pages of a MODE SELECT parameter list. Nothing changes unless every page is valid.
     *
     * @param list   the whole parameter list (field pointers are offsets into it)
     * @param offset where the first page starts
     * @param end    end of the parameter list
     * @return true when a current value changed
     */
    public synchronized boolean select(byte[] list, int offset, int end) throws SenseException {
        Map<Integer, byte[]> updates = new HashMap<>();
        int p = offset;
        while (p < end) {
            if (end - p < 2) {
                throw SenseException.of(SenseCodes.PARAMETER_LIST_LENGTH_ERROR);
            }
            if ((list[p] & 0x40) != 0) {
                throw SenseException.invalidFieldInParameterList(p, 6); // no subpages here
            }
            int code = list[p] & 0x3F;
            if (!supports(code) || updates.containsKey(code)) {
                throw SenseException.invalidFieldInParameterList(p, 5);
            }
            byte[] current = page(code, Control.CURRENT);
            byte[] mask = changeable(code);
            int len = list[p + 1] & 0xFF;
            if (len != current.length - 2) {
                throw SenseException.invalidFieldInParameterList(p + 1, -1);
            }
            if (p + 2 + len > end) {
                throw SenseException.of(SenseCodes.PARAMETER_LIST_LENGTH_ERROR);
            }
            byte[] wanted = new byte[current.length];
            wanted[0] = current[0];
            wanted[1] = current[1];
            for (int i = 2; i < current.length; i++) {
                int v = list[p + i] & 0xFF;
                int illegal = (v ^ current[i]) & ~mask[i] & 0xFF;
                if (illegal != 0) {
                    throw SenseException.invalidFieldInParameterList(p + i, 31 - Integer.numberOfLeadingZeros(illegal));
                }
                wanted[i] = (byte) v;
            }
            updates.put(code, wanted);
            p += 2 + len;
        }
        boolean before = wce;
        boolean beforeD = dSense;
        boolean beforeSwp = swp;
        boolean beforeTas = tas;
        byte[] caching = updates.get(PAGE_CACHING);
        if (caching != null) {
            wce = (caching[2] & WCE) != 0;
        }
        byte[] control = updates.get(PAGE_CONTROL);
        if (control != null) {
            dSense = (control[2] & D_SENSE) != 0;
            swp = (control[4] & SWP) != 0;
            tas = (control[5] & TAS) != 0;
        }
        return before != wce || beforeD != dSense || beforeSwp != swp || beforeTas != tas;
    }
}
