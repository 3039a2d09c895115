package org.vmse.kernel.expr;

/**
 * Recursive-descent parser of the formula grammar:
 *
 * <pre>
 * expression := term (('+' | '-') term)*
 * term       := unary (('*' | '/') unary)*
 * unary      := ('+' | '-') unary | power
 * power      := primary ('^' unary)?          (right-associative; -x^2 = -(x^2), 2^-6 allowed)
 * primary    := number | constant | variable | function '(' expression ')' | '(' expression ')'
 * </pre>
 *
 * Positions in error messages count characters from 0. One parser parses one text; it is not thread-safe.
 */
final class Parser {

    private static final String OPERAND = "expected a number, variable, function or '('";

    private final String key;
    private final String text;
    private final String[] variables;
    private int pos;

    private Parser(String key, String text, String[] variables) {
        this.key = key;
        this.text = text;
        this.variables = variables;
    }

    /** Parses {@code text} in {@code variables}, whose names are already validated. */
    static Node parse(String key, String text, String[] variables) {
        return new Parser(key, text, variables).parseAll();
    }

    private Node parseAll() {
        skipWhitespace();
        if (pos == text.length()) {
            throw new FormulaException(key + ": the formula is empty; write " + example());
        }
        Node node = expression();
        skipWhitespace();
        if (pos < text.length()) {
            if (peek() == ')') {
                throw error(pos, "unmatched ')'; remove it or add the matching '('");
            }
            throw error(pos, "unexpected " + found() + " after a complete expression;"
                    + " join terms with an operator (+ - * / ^), e.g. 2*x, not 2x");
        }
        return node;
    }

    private Node expression() {
        Node node = term();
        while (true) {
            skipWhitespace();
            if (eat('+')) {
                node = new Node.Binary('+', node, term());
            } else if (eat('-')) {
                node = new Node.Binary('-', node, term());
            } else {
                return node;
            }
        }
    }

    private Node term() {
        Node node = unary();
        while (true) {
            skipWhitespace();
            if (eat('*')) {
                node = new Node.Binary('*', node, unary());
            } else if (eat('/')) {
                node = new Node.Binary('/', node, unary());
            } else {
                return node;
            }
        }
    }

    private Node unary() {
        skipWhitespace();
        if (eat('-')) {
            return new Node.Neg(unary());
        }
        if (eat('+')) {
            return unary();
        }
        return power();
    }

    private Node power() {
        Node base = primary();
        skipWhitespace();
        return eat('^') ? Node.power(base, unary()) : base;
    }

    private Node primary() {
        skipWhitespace();
        if (pos == text.length()) {
            throw error(pos, "unexpected end of formula, " + OPERAND);
        }
        char c = peek();
        if (isDigit(c) || c == '.') {
            return number();
        }
        if (Character.isLetter(c) || c == '_') {
            return identifier();
        }
        if (c == '(') {
            return parenthesized();
        }
        throw error(pos, OPERAND + " but found " + found());
    }

    private Node parenthesized() {
        int open = pos++;
        Node node = expression();
        skipWhitespace();
        if (!eat(')')) {
            if (pos == text.length()) {
                throw error(pos, "missing ')' to close the '(' at position " + open);
            }
            throw error(pos, "expected ')' to close the '(' at position " + open + " but found " + found()
                    + (peek() == ',' ? "; functions take exactly one argument" : ""));
        }
        return node;
    }

    private Node number() {
        int start = pos;
        while (pos < text.length() && isDigit(peek())) {
            pos++;
        }
        if (pos < text.length() && peek() == '.') {
            pos++;
            while (pos < text.length() && isDigit(peek())) {
                pos++;
            }
        }
        if (pos - start == 1 && text.charAt(start) == '.') {
            throw error(start, "a lone '.' is not a number; write e.g. 0.5 or .5");
        }
        if (pos < text.length() && (peek() == 'e' || peek() == 'E')) {
            int mark = pos++;
            if (pos < text.length() && (peek() == '+' || peek() == '-')) {
                pos++;
            }
            if (pos < text.length() && isDigit(peek())) {
                while (pos < text.length() && isDigit(peek())) {
                    pos++;
                }
            } else {
                pos = mark; // not an exponent: leave 'e' to be reported as trailing text
            }
        }
        double value = Double.parseDouble(text.substring(start, pos));
        if (Double.isInfinite(value)) {
            throw error(start, "the number " + text.substring(start, pos) + " is too large for a double");
        }
        return new Node.Num(value);
    }

    private Node identifier() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
            pos++;
        }
        String name = text.substring(start, pos);
        int index = indexOf(name);
        skipWhitespace();
        boolean call = pos < text.length() && peek() == '(';
        if (call) {
            MathFunction function = MathFunction.bySymbol(name);
            if (function != null) {
                return new Node.Call(function, parenthesized());
            }
            if (index >= 0 || name.equals("pi") || name.equals("e")) {
                throw error(start, "'" + name + "' is not a function; write " + name + "*(...) for a product");
            }
            throw error(start, "unknown function '" + name + "'; the functions are " + MathFunction.symbols());
        }
        if (index >= 0) {
            return new Node.Var(index);
        }
        if (name.equals("pi")) {
            return new Node.Num(Math.PI);
        }
        if (name.equals("e")) {
            return new Node.Num(Math.E);
        }
        if (MathFunction.bySymbol(name) != null) {
            throw error(start, "the function '" + name + "' needs its argument in parentheses, e.g. " + name + "(x)");
        }
        if (variables.length == 0) {
            throw error(start, "'" + name + "' is not allowed here; the value must be a number like 0.015625 or"
                    + " 2^-6 (no variables; the constants pi and e may be used)");
        }
        throw error(start, "unknown variable '" + name + "'; the allowed variables are "
                + String.join(", ", variables) + " (and the constants pi, e)");
    }

    private int indexOf(String name) {
        for (int i = 0; i < variables.length; i++) {
            if (variables[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private String example() {
        return variables.length == 0
                ? "a number like 0.015625 or 2^-6"
                : "an expression in " + String.join(", ", variables) + ", e.g. 1 + 0.5*" + variables[variables.length - 1] + "^2";
    }

    private FormulaException error(int at, String what) {
        return new FormulaException(key + ": cannot parse \"" + text + "\" at position " + at + ": " + what);
    }

    private String found() {
        return "'" + peek() + "'";
    }

    private boolean eat(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private char peek() {
        return text.charAt(pos);
    }

    private void skipWhitespace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
