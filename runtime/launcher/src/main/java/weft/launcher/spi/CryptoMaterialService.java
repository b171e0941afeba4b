package weft.launcher.spi;

import java.util.List;

/** Generates MSP material for a test or demo network; backs {@code weft-peer crypto generate}. */
public interface CryptoMaterialService {

    /**
     * Writes the material the request describes.
     *
     * @return one line per organisation: MSP id, domain, what was generated and where
     * @throws ToolException when the request is invalid or the output cannot be written; nothing is left half
     *                       written in a directory that held material before
     */
    List<String> generate(CryptoRequest request) throws ToolException;
}
