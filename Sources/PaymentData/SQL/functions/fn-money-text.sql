-- Minor units as money an operator reads in the payment's currency: 3750 USD → '37.50 USD', 500 JPY → '500 JPY',
-- 1234 BHD → '1.234 BHD' (the same exponents as the Swift side's Currency). Every refusal states money this way.
CREATE OR REPLACE FUNCTION payops.money_text(p_minor numeric, p_currency text) RETURNS text
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $fn$
    SELECT CASE
               WHEN p_currency IN ('JPY', 'KRW', 'CLP', 'ISK', 'VND', 'XAF', 'XOF', 'UGX', 'PYG')
                   THEN to_char(p_minor, 'FM999999999999999999990')
               WHEN p_currency IN ('BHD', 'KWD', 'OMR', 'JOD', 'TND', 'IQD', 'LYD')
                   THEN to_char(p_minor / 1000.0, 'FM999999999999999990.000')
               ELSE to_char(p_minor / 100.0, 'FM9999999999999999990.00')
           END || ' ' || coalesce(p_currency, '')
$fn$;
REVOKE ALL ON FUNCTION payops.money_text(numeric, text) FROM PUBLIC;
