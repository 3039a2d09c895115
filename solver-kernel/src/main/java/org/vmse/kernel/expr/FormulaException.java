package org.vmse.kernel.expr;

/** A formula in a configuration file that cannot be parsed or evaluated; the message names the key and the text. */
public final class FormulaException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public FormulaException(String message) {
        super(message);
    }
}
