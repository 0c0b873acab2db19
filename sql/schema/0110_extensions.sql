-- Extensions live in their own schema so that the API and retail schemas hold only our objects.
CREATE SCHEMA IF NOT EXISTS extensions;
GRANT USAGE ON SCHEMA extensions TO public;

CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA extensions;
