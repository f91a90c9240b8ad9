package io.github.roofline4j.hardware;

/**
 * An accelerator has no known rate for a data type: no native matrix path, no exact upcast with
 * a known matrix rate, and no vector rate for the type or an exact upcast up to FP32 (see
 * {@link Accelerator#computePath(DataType)}).
 */
public class UnsupportedDataTypeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String acceleratorId;
    private final DataType type;

    /**
     * Creates the exception.
     *
     * @param accelerator the accelerator
     * @param type the data type
     */
    public UnsupportedDataTypeException(Accelerator accelerator, DataType type) {
        super(accelerator.id() + " has no known rate for " + type.displayName()
                + ": no native matrix peak, no exact upcast with a known peak, and no vector rate"
                + (type == DataType.FP64 ? "" : " up to FP32"));
        this.acceleratorId = accelerator.id();
        this.type = type;
    }

    /**
     * Returns the id of the accelerator.
     *
     * @return the id
     */
    public String acceleratorId() {
        return acceleratorId;
    }

    /**
     * Returns the data type.
     *
     * @return the data type
     */
    public DataType type() {
        return type;
    }
}
