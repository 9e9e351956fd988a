package org.vas.registry.infrastructure.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import java.io.DataInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * A JSON factory, with another's settings, whose every parser is a {@link WellFormedJsonParser} and reads bytes with
 * Jackson's UTF-8 parser. Jackson uses that parser only while keys are canonicalized ({@link JsonNames} turns that
 * off elsewhere); otherwise it decodes through a reader that turns malformed UTF-8, such as a surrogate encoded as
 * CESU-8, into U+FFFD, which the registry would then keep as if it had been sent.
 */
public final class WellFormedJsonFactory extends JsonFactory {

    public WellFormedJsonFactory(JsonFactory settings) {
        this(settings, null);
    }

    private WellFormedJsonFactory(JsonFactory settings, ObjectCodec codec) {
        super(settings, codec);
        _factoryFeatures |= JsonFactory.Feature.CANONICALIZE_FIELD_NAMES.getMask();
    }

    @Override
    public JsonFactory copy() {
        return new WellFormedJsonFactory(this, null);
    }

    @Override
    protected JsonParser _createParser(InputStream in, IOContext context) throws IOException {
        return new WellFormedJsonParser(super._createParser(in, context));
    }

    @Override
    protected JsonParser _createParser(Reader reader, IOContext context) throws IOException {
        return new WellFormedJsonParser(super._createParser(reader, context));
    }

    @Override
    protected JsonParser _createParser(char[] data, int offset, int length, IOContext context, boolean recyclable)
            throws IOException {
        return new WellFormedJsonParser(super._createParser(data, offset, length, context, recyclable));
    }

    @Override
    protected JsonParser _createParser(byte[] data, int offset, int length, IOContext context) throws IOException {
        return new WellFormedJsonParser(super._createParser(data, offset, length, context));
    }

    @Override
    protected JsonParser _createParser(DataInput input, IOContext context) throws IOException {
        return new WellFormedJsonParser(super._createParser(input, context));
    }
}
